#include "core/video/subtitle_stream.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include "core/common/error.h"
#include "core/video/ffmpeg_util.h"

namespace actbert::video {
namespace {

struct SubtitleDeleter {
    void operator()(AVSubtitle* subtitle) const {
        avsubtitle_free(subtitle);
        delete subtitle;
    }
};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Containers store ISO 639-2 (both the bibliographic "fre" and terminology "fra" forms
// occur); people type the two-letter ISO 639-1 code as often.
bool sameLanguage(const std::string& stream_language, const std::string& wanted) {
    static const std::pair<const char*, const char*> kTwoLetter[] = {
        {"en", "eng"}, {"es", "spa"}, {"fr", "fre"}, {"fr", "fra"}, {"de", "ger"},
        {"de", "deu"}, {"it", "ita"}, {"pt", "por"}, {"ru", "rus"}, {"zh", "chi"},
        {"zh", "zho"}, {"ja", "jpn"}, {"ko", "kor"}, {"nl", "dut"}, {"nl", "nld"},
        {"ar", "ara"}, {"hi", "hin"}, {"pl", "pol"}, {"tr", "tur"}, {"sv", "swe"}};
    const std::string a = lower(stream_language);
    const std::string b = lower(wanted);
    if (a.empty() || b.empty()) {
        return false;
    }
    if (a == b) {
        return true;
    }
    for (const auto& [two, three] : kTwoLetter) {
        if ((a == three && b == two) || (a == two && b == three)) {
            return true;
        }
    }
    // "fre" and "fra" name one language.
    for (const auto& [two, three] : kTwoLetter) {
        for (const auto& [other_two, other_three] : kTwoLetter) {
            if (a == three && b == other_three && std::string(two) == other_two) {
                return true;
            }
        }
    }
    return false;
}

std::string describeStreams(const MediaInfo& info) {
    std::string list;
    for (const auto* stream : info.streamsOf(StreamKind::Subtitle)) {
        list += (list.empty() ? "" : ", ") + std::to_string(stream->index) + " (" +
                (stream->language.empty() ? "no language" : stream->language) + ", " +
                stream->codec + ")";
    }
    return list.empty() ? "it has no subtitle stream" : "its subtitle streams: " + list;
}

}  // namespace

std::string assToPlainText(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{') {
            const auto close = text.find('}', i);
            if (close != std::string::npos) {
                i = close;
                continue;
            }
        }
        if (c == '\\' && i + 1 < text.size()) {
            const char next = text[i + 1];
            if (next == 'N' || next == 'n') {
                out += '\n';
                ++i;
                continue;
            }
            if (next == 'h') {
                out += ' ';
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

int chooseSubtitleStream(const MediaInfo& info, std::optional<int> stream,
                         const std::string& language) {
    const auto streams = info.streamsOf(StreamKind::Subtitle);
    const std::string file = detail::quoted(info.path);
    if (stream) {
        for (const auto* candidate : streams) {
            if (candidate->index == *stream) {
                return candidate->index;
            }
        }
        throw Error(file + ": stream " + std::to_string(*stream) + " is no subtitle stream; " +
                    describeStreams(info));
    }
    if (!language.empty()) {
        for (const auto* candidate : streams) {
            if (sameLanguage(candidate->language, language)) {
                return candidate->index;
            }
        }
        throw Error(file + ": no subtitle stream in the language '" + language + "'; " +
                    describeStreams(info));
    }
    if (streams.size() == 1) {
        return streams.front()->index;
    }
    const auto defaults = std::count_if(streams.begin(), streams.end(), [](const auto* candidate) {
        return candidate->is_default;
    });
    if (defaults == 1) {
        for (const auto* candidate : streams) {
            if (candidate->is_default) {
                return candidate->index;
            }
        }
    }
    throw Error(file + ": choose a subtitle stream with --stream N or --language LANG; " +
                describeStreams(info));
}

bool isTextSubtitleCodec(const std::string& codec) {
    const AVCodecDescriptor* descriptor = avcodec_descriptor_get_by_name(codec.c_str());
    return descriptor != nullptr && descriptor->type == AVMEDIA_TYPE_SUBTITLE &&
           (descriptor->props & AV_CODEC_PROP_TEXT_SUB) != 0;
}

SubtitleTrack readSubtitleStream(const std::filesystem::path& path, int stream_index,
                                 const CancelToken& cancel) {
    auto input = detail::openInput(path);
    if (stream_index < 0 || stream_index >= static_cast<int>(input->nb_streams) ||
        input->streams[stream_index]->codecpar->codec_type != AVMEDIA_TYPE_SUBTITLE) {
        throw Error(detail::quoted(path) + ": stream " + std::to_string(stream_index) +
                    " is no subtitle stream");
    }
    AVStream* stream = input->streams[stream_index];
    const AVCodecDescriptor* descriptor = avcodec_descriptor_get(stream->codecpar->codec_id);
    if (descriptor == nullptr || (descriptor->props & AV_CODEC_PROP_TEXT_SUB) == 0) {
        throw Error(detail::quoted(path) + ": subtitle stream " + std::to_string(stream_index) +
                    " (" + (descriptor ? descriptor->name : "unknown codec") +
                    ") holds pictures, not text");
    }
    auto decoder = detail::openDecoder(stream, 1, path);
    for (int i = 0; i < static_cast<int>(input->nb_streams); ++i) {
        input->streams[i]->discard = i == stream_index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
    SubtitleTrack track;
    track.stream_index = stream_index;
    track.codec = descriptor->name;
    const auto tag = [&](const char* key) {
        const AVDictionaryEntry* entry = av_dict_get(stream->metadata, key, nullptr, 0);
        return entry == nullptr ? std::string() : std::string(entry->value);
    };
    track.language = tag("language");
    track.title = tag("title");
    const double time_base = av_q2d(stream->time_base);
    const double origin_s = detail::containerStartS(input.get());
    auto packet = detail::allocPacket();
    for (;;) {
        cancel.throwIfCancelled();
        const int read = av_read_frame(input.get(), packet.get());
        if (read == AVERROR_EOF) {
            break;
        }
        if (read < 0) {
            throw Error(detail::quoted(path) + ": cannot read: " + detail::avErrorText(read));
        }
        if (packet->stream_index != stream_index) {
            av_packet_unref(packet.get());
            continue;
        }
        const std::int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
        const std::int64_t duration = packet->duration;
        std::unique_ptr<AVSubtitle, SubtitleDeleter> subtitle(new AVSubtitle{});
        int got = 0;
        const int used =
            avcodec_decode_subtitle2(decoder.get(), subtitle.get(), &got, packet.get());
        av_packet_unref(packet.get());
        if (used < 0) {
            throw Error(detail::quoted(path) + ": subtitle stream " + std::to_string(stream_index) +
                        ": " + detail::avErrorText(used));
        }
        if (!got || pts == AV_NOPTS_VALUE) {
            continue;
        }
        std::string text;
        for (unsigned r = 0; r < subtitle->num_rects; ++r) {
            const AVSubtitleRect* rect = subtitle->rects[r];
            std::string part;
            if (rect->type == SUBTITLE_ASS && rect->ass != nullptr) {
                // "ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text"
                std::string dialogue = rect->ass;
                std::size_t at = 0;
                for (int field = 0; field < 8 && at != std::string::npos; ++field) {
                    at = dialogue.find(',', at);
                    at = at == std::string::npos ? at : at + 1;
                }
                part =
                    at == std::string::npos ? std::string() : assToPlainText(dialogue.substr(at));
            } else if (rect->type == SUBTITLE_TEXT && rect->text != nullptr) {
                part = rect->text;
            }
            if (!part.empty()) {
                text += (text.empty() ? "" : "\n") + part;
            }
        }
        SubtitleCue cue;
        cue.start_s =
            static_cast<double>(pts) * time_base + subtitle->start_display_time / 1000.0 - origin_s;
        if (subtitle->end_display_time > subtitle->start_display_time &&
            subtitle->end_display_time != std::numeric_limits<std::uint32_t>::max()) {
            cue.end_s = static_cast<double>(pts) * time_base + subtitle->end_display_time / 1000.0 -
                        origin_s;
        } else if (duration > 0) {
            cue.end_s = static_cast<double>(pts + duration) * time_base - origin_s;
        }
        cue.text = std::move(text);
        track.cues.push_back(std::move(cue));
    }
    // A cue without an end lasts until the next one starts.
    for (std::size_t i = 0; i + 1 < track.cues.size(); ++i) {
        if (track.cues[i].end_s <= track.cues[i].start_s) {
            track.cues[i].end_s = track.cues[i + 1].start_s;
        }
    }
    return track;
}

}  // namespace actbert::video
