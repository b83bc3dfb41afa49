package org.stabilis.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.stabilis.log.store.Database;
import org.stabilis.party.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "token",
    description = "Issue, revoke and list read tokens.",
    subcommands = {TokenCommand.Issue.class, TokenCommand.Revoke.class, TokenCommand.List.class})
final class TokenCommand implements Runnable {
  @Override
  public void run() {
    throw new CliException("choose one of: token issue, token revoke, token list");
  }

  static class Where {
    @Option(names = "--data", required = true, description = "data folder")
    Path data;

    @Option(names = "--db", description = "JDBC URL (default: SQLite file in the data folder)")
    String db;

    Database open() {
      if (!java.nio.file.Files.isRegularFile(data.resolve(org.stabilis.App.LOG_KEY_FILE)))
        throw new CliException(
            data + " is not an initialised data folder; run `stabilis init` first");
      return Database.open(db != null ? db : Database.sqliteUrl(data));
    }
  }

  @Command(
      name = "issue",
      description = "Issue a token for a registered party; prints the token alone.")
  static final class Issue extends Where implements Callable<Integer> {
    @Option(names = "--party", required = true)
    String party;

    @Override
    public Integer call() {
      try (var app = org.stabilis.App.open(data, db, Clock.systemUTC(), null)) {
        if (app.log.read(() -> app.parties.party(party)) == null)
          throw new CliException("party \"" + party + "\" is not registered on this log");
        System.out.println(
            app.tokens.issue(party, Clock.systemUTC().instant(), new SecureRandom()));
      }
      return 0;
    }
  }

  @Command(
      name = "revoke",
      description = "Revoke a token, given as the token or its id from `token list`.")
  static final class Revoke extends Where implements Callable<Integer> {
    @Option(names = "--token", required = true, description = "the token, or its id")
    String token;

    @Override
    public Integer call() {
      try (Database d = open()) {
        int n = new TokenStore(d).revoke(token, Clock.systemUTC().instant());
        if (n == 0) throw new CliException("no active token matches " + token);
        System.out.println("revoked");
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List tokens (ids and parties; never the tokens).")
  static final class List extends Where implements Callable<Integer> {
    @Override
    public Integer call() {
      try (Database d = open()) {
        System.out.printf("%-14s %-24s %-26s %s%n", "ID", "PARTY", "ISSUED", "REVOKED");
        for (var t : new TokenStore(d).list())
          System.out.printf(
              "%-14s %-24s %-26s %s%n",
              t.id(), t.party(), t.issued(), t.revoked() == null ? "-" : t.revoked());
      }
      return 0;
    }
  }
}
