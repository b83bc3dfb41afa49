package org.stabilis.party;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.catalogue.Reference;
import org.stabilis.catalogue.Role;
import org.stabilis.log.Entry;
import org.stabilis.log.Event;
import org.stabilis.log.KeyDirectory;
import org.stabilis.log.Rejection;
import org.stabilis.log.SnapshotJson;
import org.stabilis.log.Snapshotting;
import org.stabilis.log.crypto.Ed25519PublicKey;
import org.stabilis.log.crypto.InvalidKeyException;

/**
 * Parties, their keys and roles (SPEC §3), folded from the log; also the permission check that
 * every event passes first: the signing party must hold a role the catalogue allows for the type.
 */
public final class PartyRegistry implements PartyView, Snapshotting, KeyDirectory {

  /** A key of a party; {@code revokedAt} is the index of the revoking entry, or -1. */
  public record Key(String id, Ed25519PublicKey publicKey, long addedAt, long revokedAt) {
    public boolean active() {
      return revokedAt < 0;
    }
  }

  /** A registered party. */
  public record Party(
      String id,
      String name,
      String kind,
      String country,
      Set<Role> roles,
      Map<String, Key> keys,
      long registeredAt) {}

  private final EventCatalogue catalogue;
  private final Map<String, Party> parties = new ConcurrentHashMap<>();

  public PartyRegistry(EventCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  // ---- KeyDirectory ----------------------------------------------------------------------

  @Override
  public Lookup lookup(Event e) {
    if (parties.isEmpty()) {
      // SPEC §3: the genesis entry registers the coordinator with the key that signs it.
      if (!e.type().equals("party.registered") || !e.party().equals(e.text("id")))
        return new UnknownParty();
      for (JsonNode k : e.body().path("keys")) {
        if (e.key().equals(k.path("id").asText())) {
          try {
            return new Active(Ed25519PublicKey.fromBase64(k.path("public").asText()));
          } catch (InvalidKeyException | IllegalArgumentException ex) {
            return new UnknownKey();
          }
        }
      }
      return new UnknownKey();
    }
    Party p = parties.get(e.party());
    if (p == null) return new UnknownParty();
    Key k = p.keys().get(e.key());
    if (k == null) return new UnknownKey();
    if (!k.active()) return new Revoked();
    return new Active(k.publicKey());
  }

  // ---- decide ----------------------------------------------------------------------------

  @Override
  public Rejection decide(Event e) {
    if (parties.isEmpty()) return decideGenesis(e);
    Party signer = parties.get(e.party());
    Set<Role> allowed = catalogue.rolesFor(e.type());
    if (signer.roles().stream().noneMatch(allowed::contains))
      return Rejection.forbidden(
          "party \""
              + signer.id()
              + "\" with roles "
              + wire(signer.roles())
              + " may not submit "
              + e.type()
              + "; that needs one of "
              + wire(allowed));
    return switch (e.type()) {
      case "party.registered" -> decideRegistration(e);
      case "party.key-added" -> {
        Party p = find(e.text("party"));
        if (p == null) yield noSuchParty(e.text("party"));
        String kid = e.body().path("key").path("id").asText();
        if (p.keys().containsKey(kid))
          yield Rejection.rule(
              PartyRule.KEY_EXISTS,
              "party \""
                  + p.id()
                  + "\" already has a key \""
                  + kid
                  + "\" (key ids are never reused)");
        yield checkKey(e.body().path("key").path("public").asText(), "event.body.key.public");
      }
      case "party.key-revoked" -> {
        Party p = find(e.text("party"));
        if (p == null) yield noSuchParty(e.text("party"));
        Key k = p.keys().get(e.text("key"));
        if (k == null)
          yield Rejection.rule(
              PartyRule.NO_SUCH_KEY,
              "party \"" + p.id() + "\" has no key \"" + e.text("key") + "\"");
        if (!k.active())
          yield Rejection.rule(
              PartyRule.ALREADY_REVOKED,
              "key \"" + k.id() + "\" of \"" + p.id() + "\" is already revoked");
        long active = p.keys().values().stream().filter(Key::active).count();
        if (p.roles().contains(Role.COORDINATOR) && active == 1)
          yield Rejection.rule(
              PartyRule.LAST_COORDINATOR_KEY,
              "revoking the last active key of the coordinator would leave no one able to register parties; add a key first");
        yield null;
      }
      case "party.roles-changed" -> {
        Party p = find(e.text("party"));
        if (p == null) yield noSuchParty(e.text("party"));
        yield null;
      }
      default -> null;
    };
  }

  private Rejection decideGenesis(Event e) {
    if (!e.type().equals("party.registered") || !e.party().equals(e.text("id")))
      return Rejection.rule(
          PartyRule.GENESIS, "the first entry must be the coordinator registering itself");
    if (roles(e.body().path("roles")).stream().noneMatch(r -> r == Role.COORDINATOR))
      return Rejection.rule(
          PartyRule.GENESIS, "the party registered at genesis must hold the coordinator role");
    return decideRegistration(e);
  }

  private Rejection decideRegistration(Event e) {
    String id = e.text("id");
    if (find(id) != null)
      return Rejection.rule(PartyRule.PARTY_EXISTS, "party \"" + id + "\" is already registered");
    Set<String> seen = new java.util.HashSet<>();
    int i = 0;
    for (JsonNode k : e.body().path("keys")) {
      if (!seen.add(k.path("id").asText()))
        return Rejection.rule(
            PartyRule.DUPLICATE_KEY_ID, "key id \"" + k.path("id").asText() + "\" appears twice");
      Rejection r = checkKey(k.path("public").asText(), "event.body.keys[" + i++ + "].public");
      if (r != null) return r;
    }
    return null;
  }

  private static Rejection checkKey(String b64, String field) {
    try {
      Ed25519PublicKey.fromBase64(b64);
      return null;
    } catch (InvalidKeyException | IllegalArgumentException ex) {
      return Rejection.schema(field, "not an acceptable Ed25519 public key: " + ex.getMessage());
    }
  }

  private static Rejection noSuchParty(String id) {
    return Rejection.rule(Reference.NO_SUCH_PARTY, "party \"" + id + "\" is not registered");
  }

  // ---- evolve ----------------------------------------------------------------------------

  @Override
  public void evolve(Entry entry) {
    Event e = entry.event();
    switch (e.type()) {
      case "party.registered" -> {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (JsonNode k : e.body().path("keys"))
          keys.put(k.path("id").asText(), key(k, entry.index()));
        parties.put(
            e.text("id"),
            new Party(
                e.text("id"),
                e.text("name"),
                e.text("kind"),
                e.text("country"),
                roles(e.body().path("roles")),
                Map.copyOf(keys),
                entry.index()));
      }
      case "party.key-added" ->
          update(
              e.text("party"),
              p -> {
                Map<String, Key> keys = new LinkedHashMap<>(p.keys());
                keys.put(
                    e.body().path("key").path("id").asText(),
                    key(e.body().path("key"), entry.index()));
                return new Party(
                    p.id(),
                    p.name(),
                    p.kind(),
                    p.country(),
                    p.roles(),
                    Map.copyOf(keys),
                    p.registeredAt());
              });
      case "party.key-revoked" ->
          update(
              e.text("party"),
              p -> {
                Map<String, Key> keys = new LinkedHashMap<>(p.keys());
                Key k = keys.get(e.text("key"));
                keys.put(k.id(), new Key(k.id(), k.publicKey(), k.addedAt(), entry.index()));
                return new Party(
                    p.id(),
                    p.name(),
                    p.kind(),
                    p.country(),
                    p.roles(),
                    Map.copyOf(keys),
                    p.registeredAt());
              });
      case "party.roles-changed" ->
          update(
              e.text("party"),
              p ->
                  new Party(
                      p.id(),
                      p.name(),
                      p.kind(),
                      p.country(),
                      roles(e.body().path("roles")),
                      p.keys(),
                      p.registeredAt()));
      default -> {}
    }
  }

  private void update(String id, java.util.function.UnaryOperator<Party> f) {
    Party p = parties.get(id);
    if (p == null) throw new IllegalStateException("entry refers to unknown party \"" + id + "\"");
    parties.put(id, f.apply(p));
  }

  private static Key key(JsonNode k, long index) {
    try {
      return new Key(
          k.path("id").asText(), Ed25519PublicKey.fromBase64(k.path("public").asText()), index, -1);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(
          "entry " + index + " holds an invalid key: " + e.getMessage());
    }
  }

  private static Set<Role> roles(JsonNode arr) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (JsonNode r : arr) {
      Role role = Role.fromWire(r.asText());
      if (role != null) out.add(role);
    }
    return Set.copyOf(out);
  }

  private static List<String> wire(Collection<Role> roles) {
    return roles.stream().map(Role::wire).sorted().collect(Collectors.toList());
  }

  @Override
  public void reset() {
    parties.clear();
  }

  // ---- snapshot --------------------------------------------------------------------------

  private record KeyState(String id, String publicKey, long addedAt, long revokedAt) {}

  private record PartyState(
      String id,
      String name,
      String kind,
      String country,
      List<String> roles,
      List<KeyState> keys,
      long registeredAt) {}

  private record State(List<PartyState> parties) {}

  @Override
  public String snapshotName() {
    return "parties";
  }

  @Override
  public byte[] save() {
    List<PartyState> out = new ArrayList<>();
    for (Party p : all()) {
      List<KeyState> keys = new ArrayList<>();
      for (Key k : p.keys().values())
        keys.add(new KeyState(k.id(), k.publicKey().base64(), k.addedAt(), k.revokedAt()));
      keys.sort(java.util.Comparator.comparing(KeyState::id));
      out.add(
          new PartyState(
              p.id(), p.name(), p.kind(), p.country(), wire(p.roles()), keys, p.registeredAt()));
    }
    return SnapshotJson.write(new State(out));
  }

  @Override
  public void restore(byte[] state) {
    reset();
    State s = SnapshotJson.read(state, State.class);
    try {
      for (PartyState p : s.parties()) {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (KeyState k : p.keys())
          keys.put(
              k.id(),
              new Key(
                  k.id(), Ed25519PublicKey.fromBase64(k.publicKey()), k.addedAt(), k.revokedAt()));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : p.roles()) {
          Role role = Role.fromWire(r);
          if (role == null) throw new IllegalArgumentException("unknown role \"" + r + "\"");
          roles.add(role);
        }
        parties.put(
            p.id(),
            new Party(
                p.id(),
                p.name(),
                p.kind(),
                p.country(),
                Set.copyOf(roles),
                Map.copyOf(keys),
                p.registeredAt()));
      }
    } catch (InvalidKeyException | RuntimeException e) {
      reset();
      throw new IllegalArgumentException("the parties' state cannot be restored: " + e, e);
    }
  }

  // ---- queries ---------------------------------------------------------------------------

  public Party party(String id) {
    return find(id);
  }

  private Party find(String id) {
    return id == null ? null : parties.get(id);
  }

  @Override
  public boolean has(String id, Role role) {
    Party p = parties.get(id);
    return p != null && p.roles().contains(role);
  }

  @Override
  public Optional<Party> byId(String id) {
    return Optional.ofNullable(find(id));
  }

  @Override
  public List<Party> all() {
    List<Party> l = new ArrayList<>(parties.values());
    l.sort(java.util.Comparator.comparingLong(Party::registeredAt));
    return l;
  }
}
