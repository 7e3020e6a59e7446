#pragma once
// Subtitle cue text as players read it. WebVTT cue text goes through the WebVTT cue text
// tokenizer and DOM construction rules (W3C WebVTT, "cue text parsing rules"): the tags c, i,
// b, u, ruby, rt, v and lang and inline timestamps are markup, the character references
// &amp; &lt; &gt; &nbsp; &lrm; &rlm; (and numeric ones) are decoded, and the result is the
// cue's plain text content (its text nodes in order, as textContent gives), the first voice's
// name and the text between valid inline timestamps. SRT cue text loses its <i> <b> <u> <s>
// and <font ...> tags, as FFmpeg's and VLC's SRT readers drop them; other '<' is text.
// Threading: stateless functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/annotation_document.h"

namespace actbert::data {

struct CueContent {
    std::string text;
    std::string speaker;            // annotation of the first <v> tag, whitespace collapsed
    std::vector<TimedText> chunks;  // empty when the cue has no valid inline timestamp
};

// `start_s` is the cue's start time: the text before the first inline timestamp starts there.
CueContent parseWebVttCueText(std::string_view raw, double start_s);
CueContent parseSrtCueText(std::string_view raw);

// A WebVTT timestamp by the rules' "collect a WebVTT timestamp": [hh...:]mm:ss.ttt with
// exactly two digits for minutes and seconds (at most 59) and three for the fraction; hours
// may have any number of digits. Returns nothing for anything else ("00:00.00", "00:000.000").
std::optional<double> parseWebVttTimestamp(std::string_view text);

// &, < and > as character references, so cue text reads back as the same plain text.
std::string escapeWebVtt(std::string_view text);

}  // namespace actbert::data
