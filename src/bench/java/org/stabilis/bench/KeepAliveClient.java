package org.stabilis.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one persistent connection (RFC 9112), for load generation only:
 * POSTs a JSON body and reads the status and a Content-Length or chunked body. Not thread-safe.
 */
final class KeepAliveClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String host;

  KeepAliveClient(String host, int port) throws IOException {
    this.host = host + ":" + port;
    this.socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
  }

  /** A response: its status code and body. */
  record Reply(int status, byte[] body) {}

  /** Sends the POST and returns the status code; the response body is read and discarded. */
  int post(String path, byte[] body) throws IOException {
    return exchange(path, body, false).status();
  }

  /** Sends the POST and returns the status code and the body. */
  Reply postForReply(String path, byte[] body) throws IOException {
    return exchange(path, body, true);
  }

  private Reply exchange(String path, byte[] body, boolean keepBody) throws IOException {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    String status = line();
    if (status == null || !status.startsWith("HTTP/1.1 "))
      throw new IOException("bad status line: " + status);
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String h; !(h = line()).isEmpty(); ) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) length = Long.parseLong(lower.substring(15).trim());
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    if (chunked) {
      for (long n; (n = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
        body(n, keepBody, kept);
        line();
      }
      line();
    } else if (length > 0) {
      body(length, keepBody, kept);
    }
    return new Reply(code, kept.toByteArray());
  }

  private void body(long n, boolean keep, ByteArrayOutputStream into) throws IOException {
    if (keep) into.write(in.readNBytes(Math.toIntExact(n)));
    else in.skipNBytes(n);
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c; (c = in.read()) != -1; ) {
      if (c == '\n') {
        byte[] a = b.toByteArray();
        int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
        return new String(a, 0, n, StandardCharsets.US_ASCII);
      }
      b.write(c);
    }
    throw new IOException("connection closed by the server");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
