package org.stabilis.log.merkle;

import java.util.Arrays;
import java.util.Base64;

/**
 * PLACEHOLDER: minimal SHA-256 hash value so that dependent packages compile; replaced by the real
 * implementation at merge.
 */
public final class Hash {
    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a 32-byte hash (copied). */
    public static Hash of(byte[] b) {
        if (b == null || b.length != 32) {
            throw new IllegalArgumentException("hash must be 32 bytes");
        }
        return new Hash(b.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static Hash fromBase64(String s) {
        return of(Base64.getDecoder().decode(s));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
