package org.stabilis.log.merkle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Reads the whitespace-separated test vector files under {@code src/test/resources/merkle}. */
final class VectorFile {

  private VectorFile() {}

  /**
   * @return the tokens of each non-blank, non-comment line
   */
  static List<List<String>> lines(String resource) {
    InputStream in = VectorFile.class.getResourceAsStream("/merkle/" + resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource merkle/" + resource);
    }
    List<List<String>> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          lines.add(List.of(trimmed.split("\\s+")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** "-" stands for an empty value, since tokens cannot be empty. */
  static byte[] bytes(String token) {
    return token.equals("-") ? new byte[0] : HexFormat.of().parseHex(token);
  }

  static List<Hash> hashes(String token) {
    if (token.equals("-")) {
      return List.of();
    }
    return Arrays.stream(token.split(",")).map(Hash::fromHex).toList();
  }
}
