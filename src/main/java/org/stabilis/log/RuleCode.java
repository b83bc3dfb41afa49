package org.stabilis.log;

/**
 * The code a {@link Rejection} of {@link ErrorCode#RULE} names on the wire ({@code "rule": "..."})
 * with its one-line meaning. Implemented by one enum per owner (a module, or the catalogue for
 * references several modules check), so every code has exactly one owner and a grep for the code a
 * user saw lands on the enum constant, and from there on the lines that decide.
 *
 * <p>To add a code: add one constant to the owner's enum, {@code NAME("wire-code", "what it
 * means")}, and refuse with {@code Rejection.rule(Owner.NAME, detail)}. An owner enum that is new
 * is listed once in the composition root's {@link RuleCodes} registry; a test fails when an
 * implementation of this interface is not registered, when two codes share a wire name, when the
 * README's table differs from the registry, or when the code has no message ({@code rule.CODE}) in
 * every language of the page's catalogue ({@code src/main/frontend/messages.py}).
 */
public interface RuleCode {

  /** The wire name, {@code ^[a-z][a-z0-9]*(-[a-z0-9]+)*$}; it never changes once published. */
  String wire();

  /** One line a person reads to know what was refused and why. */
  String meaning();
}
