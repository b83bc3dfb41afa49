package org.stabilis.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stabilis.catalogue.EventCatalogue;

class SubmissionParserTest {
  private final SubmissionParser parser = new SubmissionParser(new EventCatalogue());

  private SubmissionParser.Result parseWithTime(String time) {
    String json =
        """
        {"event":{"v":1,"type":"incident.reported","party":"monitors","key":"monitors-1","seq":1,"time":"%s",
         "body":{"id":"i-1","category":"uxo","severity":2,"location":[34.45,31.5],"summary":"ordnance by a road"}},
         "sig":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="}
        """
            .formatted(time);
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-11-29T06:00:00Z, 2026-11-29T06:00:00Z",
    "2026-11-29T06:00:00.123Z, 2026-11-29T06:00:00.123Z",
    "2026-11-29T06:00:00+00:00, 2026-11-29T06:00:00Z",
    "2026-11-29T06:00:00.5+00:00, 2026-11-29T06:00:00.500Z"
  })
  void eventTime_inUtc_isAccepted_asZOrPlusZeroOffset(String time, String instant) {
    SubmissionParser.Result r = parseWithTime(time);
    assertThat(r.rejection()).isNull();
    assertThat(r.event().event().time()).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-11-29T08:00:00+02:00",
    "2026-11-29T06:00:00-00:00",
    "2026-11-29 06:00:00Z",
    "2026-11-29T06:00Z",
    "2026-02-30T06:00:00Z",
    "1764396000"
  })
  void eventTime_notInRfc3339Utc_isASchemaError_namingTheField(String time) {
    SubmissionParser.Result r = parseWithTime(time);
    assertThat(r.rejection()).isNotNull();
    assertThat(r.rejection().code()).isEqualTo(ErrorCode.SCHEMA);
    assertThat(r.rejection().field()).isEqualTo("event.time");
  }
}
