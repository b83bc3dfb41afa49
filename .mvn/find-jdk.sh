# Sourced by ./stabilis, ./mvnw and .ci/run: point JAVA_HOME at a JDK >= 21.
# Keeps JAVA_HOME when it is new enough; otherwise looks in the usual JVM folders.
stabilis_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
stabilis_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(stabilis_java_major "$JAVA_HOME")
    [ -n "$v" ] && [ "$v" -ge 21 ] && return 0
  fi
  best="" best_v=0
  # Where JDKs live on this machine, found at run time: beside the default java, beside
  # JAVA_HOME, every javac the alternatives system knows, and the SDKMAN candidates.
  roots=""
  j=$(command -v java 2>/dev/null || true)
  [ -n "$j" ] && roots="$roots $(dirname "$(dirname "$(dirname "$(readlink -f "$j")")")")"
  [ -n "${JAVA_HOME:-}" ] && roots="$roots $(dirname "$JAVA_HOME")"
  alts=""
  if command -v update-alternatives >/dev/null 2>&1; then
    for c in $(update-alternatives --list javac 2>/dev/null) $(update-alternatives --list java 2>/dev/null); do
      alts="$alts $(dirname "$(dirname "$(readlink -f "$c")")")"
    done
  fi
  candidates=""
  for r in $roots; do candidates="$candidates $r/*"; done
  for d in $candidates $alts "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(stabilis_java_major "$d")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "stabilis: no JDK 21 or newer found; install one or set JAVA_HOME to it" >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}
