package org.stabilis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.checkpoint.PolicyException;

/** Reads a tlog-policy file for a command, with errors that name the file and the line. */
final class PolicyFiles {
  private PolicyFiles() {}

  static Policy read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the policy " + file + ": " + e.getMessage(), e);
    }
    try {
      return Policy.parse(bytes);
    } catch (PolicyException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
