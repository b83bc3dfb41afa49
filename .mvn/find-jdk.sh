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
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
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
