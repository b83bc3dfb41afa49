package org.stabilis.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TilePathTest {

  static List<String> lines(String name) throws IOException {
    try (InputStream in = TilePathTest.class.getResourceAsStream("/tiles/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource tiles/" + name);
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
        if (!l.isBlank() && !l.startsWith("#")) out.add(l.strip());
      return out;
    }
  }

  @Test
  void specPaths_parseAndFormatBothWays() throws IOException {
    for (String line : lines("paths.txt")) {
      String[] f = line.split("\\s+");
      TilePath t = TilePath.parse(f[0]);
      assertThat(t)
          .as(f[0])
          .isEqualTo(
              new TilePath(
                  Boolean.parseBoolean(f[1]),
                  Integer.parseInt(f[2]),
                  Long.parseLong(f[3]),
                  Integer.parseInt(f[4])));
      assertThat(t.path()).isEqualTo(f[0]);
    }
  }

  @Test
  void pathsThatNameNoTile_areRefused() throws IOException {
    for (String p : lines("bad-paths.txt"))
      assertThatThrownBy(() -> TilePath.parse(p))
          .as(p)
          .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void entryBundle_roundTripsAndRefusesTruncation() {
    Random r = new Random(7);
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] e = new byte[r.nextInt(i == 3 ? 1 : 3000)];
      r.nextBytes(e);
      entries.add(e);
    }
    entries.add(new byte[Tiles.MAX_ENTRY_BYTES]);
    byte[] bundle = Tiles.bundle(entries, 0);
    List<byte[]> back = Tiles.parseBundle(bundle);
    assertThat(back).hasSize(entries.size());
    for (int i = 0; i < entries.size(); i++) assertThat(back.get(i)).isEqualTo(entries.get(i));
    assertThatThrownBy(() -> Tiles.parseBundle(java.util.Arrays.copyOf(bundle, bundle.length - 1)))
        .hasMessageContaining("remain");
    assertThatThrownBy(() -> Tiles.bundle(List.of(new byte[Tiles.MAX_ENTRY_BYTES + 1]), 9))
        .hasMessageContaining("entry 9 is 65536 bytes");
  }

  @Test
  void tilesOfATree_areThoseTheSpecCounts() {
    // tlog-tiles "Partial Tiles": a tree of 70,000 has 273 full level-0 tiles and one of width
    // 112, one full level-1 tile and one of width 17, and a level-2 tile of width 1.
    TileNodeReader r =
        new TileNodeReader(
            70_000,
            t -> {
              throw new AssertionError();
            });
    assertThat(r.tileAt(0, 272).full()).isTrue();
    assertThat(r.tileAt(0, 273).width()).isEqualTo(112);
    assertThat(r.tileAt(1, 0).full()).isTrue();
    assertThat(r.tileAt(1, 1).width()).isEqualTo(17);
    assertThat(r.tileAt(2, 0).width()).isEqualTo(1);
    assertThatThrownBy(() -> r.tileAt(0, 274)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.tileAt(3, 0)).isInstanceOf(IllegalArgumentException.class);
    // A tree of 256 has a full level-0 tile and a level-1 tile of width 1.
    TileNodeReader r256 =
        new TileNodeReader(
            256,
            t -> {
              throw new AssertionError();
            });
    assertThat(r256.tileAt(0, 0).full()).isTrue();
    assertThat(r256.tileAt(1, 0).width()).isEqualTo(1);
    assertThatThrownBy(() -> r256.tileAt(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tiles.nodes(TilePath.tile(0, 1, 1), 256))
        .hasMessageContaining("needs 257");
  }
}
