#include "core/data/eaf_format.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/eaf_timeline.h"
#include "core/data/format_support.h"

namespace actbert::data {
namespace {

constexpr const char* kPropertyPrefix = "actbert:";

std::string str(const QStringView view) {
    return view.toString().toStdString();
}

bool isSymbolic(const std::string& constraint) {
    return constraint == "Symbolic_Subdivision" || constraint == "Symbolic_Association";
}

}  // namespace

AnnotationDocument EafFormat::read(const std::filesystem::path& path,
                                   const std::string& video_key) {
    const std::string text = readTextFile(path);
    const std::string file = path.string();
    QXmlStreamReader xml(QByteArray::fromRawData(text.data(), static_cast<qsizetype>(text.size())));
    const auto fail = [&](const std::string& problem) -> void {
        throw Error(file + ", line " + std::to_string(xml.lineNumber()) + ": " + problem);
    };
    const auto attribute = [&](const char* name) {
        return str(xml.attributes().value(QLatin1String(name)));
    };
    EafTimeline timeline;
    std::map<std::string, std::string> properties;
    std::set<std::string> annotation_ids;
    std::string media_url;
    std::string format_version;
    bool root_seen = false;
    EafAnnotation* annotation = nullptr;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::DTD) {
            fail("DOCTYPE declarations are not allowed in .eaf files (entity expansion)");
        }
        if (token == QXmlStreamReader::EntityReference) {
            fail("unresolved XML entity '" + str(xml.name()) + "'");
        }
        if (token != QXmlStreamReader::StartElement) {
            continue;
        }
        const auto name = xml.name();
        if (!root_seen) {
            if (name != u"ANNOTATION_DOCUMENT") {
                fail("not an ELAN file (root element is <" + str(name) + ">)");
            }
            root_seen = true;
            format_version = attribute("FORMAT");
        } else if (name == u"MEDIA_DESCRIPTOR") {
            if (media_url.empty()) {
                media_url = attribute("MEDIA_URL");
            }
        } else if (name == u"PROPERTY") {
            const std::string key = attribute("NAME");
            properties[key] = xml.readElementText().toStdString();
        } else if (name == u"TIME_SLOT") {
            const std::string id = attribute("TIME_SLOT_ID");
            if (id.empty()) {
                fail("TIME_SLOT without TIME_SLOT_ID");
            }
            if (timeline.slot_ms.contains(id)) {
                fail("a second TIME_SLOT with the id '" + id + "'");
            }
            std::optional<std::int64_t> value;
            if (xml.attributes().hasAttribute(QLatin1String("TIME_VALUE"))) {
                value = parseInteger(attribute("TIME_VALUE"), file + ", line " +
                                                                  std::to_string(xml.lineNumber()) +
                                                                  " (TIME_VALUE of " + id + ")");
                if (*value < 0) {
                    fail("TIME_VALUE of " + id + " is negative");
                }
            }
            timeline.slot_order.push_back(id);
            timeline.slot_ms[id] = value;
        } else if (name == u"TIER") {
            EafTier tier;
            tier.id = attribute("TIER_ID");
            tier.type = attribute("LINGUISTIC_TYPE_REF");
            tier.parent = attribute("PARENT_REF");
            tier.participant = attribute("PARTICIPANT");
            tier.annotator = attribute("ANNOTATOR");
            tier.line = xml.lineNumber();
            if (tier.id.empty()) {
                fail("TIER without TIER_ID");
            }
            timeline.tiers.push_back(std::move(tier));
        } else if (name == u"ALIGNABLE_ANNOTATION" || name == u"REF_ANNOTATION") {
            if (timeline.tiers.empty()) {
                fail(str(name) + " outside a TIER");
            }
            EafAnnotation raw;
            raw.id = attribute("ANNOTATION_ID");
            raw.reference = name == u"REF_ANNOTATION";
            raw.slot1 = attribute("TIME_SLOT_REF1");
            raw.slot2 = attribute("TIME_SLOT_REF2");
            raw.ref = attribute("ANNOTATION_REF");
            raw.previous = attribute("PREVIOUS_ANNOTATION");
            raw.cve_ref = attribute("CVE_REF");
            raw.line = xml.lineNumber();
            if (raw.id.empty()) {
                fail(str(name) + " without ANNOTATION_ID");
            }
            if (!annotation_ids.insert(raw.id).second) {
                fail("a second annotation with the id '" + raw.id + "'");
            }
            if (raw.reference && raw.ref.empty()) {
                fail("REF_ANNOTATION " + raw.id + " without ANNOTATION_REF");
            }
            timeline.tiers.back().annotations.push_back(std::move(raw));
            annotation = &timeline.tiers.back().annotations.back();
        } else if (name == u"ANNOTATION_VALUE") {
            const std::string value = xml.readElementText().toStdString();
            if (annotation != nullptr) {
                annotation->value = value;
                annotation = nullptr;
            }
        } else if (name == u"LINGUISTIC_TYPE") {
            timeline.constraints[attribute("LINGUISTIC_TYPE_ID")] = attribute("CONSTRAINTS");
        }
    }
    if (xml.hasError()) {
        throw Error(file + ", line " + std::to_string(xml.lineNumber()) + ", column " +
                    std::to_string(xml.columnNumber()) + ": " + xml.errorString().toStdString());
    }
    if (!root_seen) {
        throw Error(file + ": empty file, not an ELAN document");
    }

    AnnotationDocument document;
    document.source = file;
    if (format_version != "2.7" && format_version != "2.8" && format_version != "3.0") {
        document.warnings.push_back(file + ": EAF format '" + format_version +
                                    "' (this reader knows 2.7 to 3.0); read as 3.0");
    }
    const auto spans = resolveEafTimes(timeline, file);
    VideoRecord video;
    const auto property = [&](const std::string& key) {
        const auto found = properties.find(kPropertyPrefix + key);
        return found == properties.end() ? std::string() : found->second;
    };
    video.key = !property("video").empty() ? property("video") : video_key;
    if (video.key.empty()) {
        video.key = media_url.empty()
                        ? path.stem().string()
                        : std::filesystem::path(media_url.substr(media_url.find_last_of('/') + 1))
                              .stem()
                              .string();
    }
    video.origin = file;
    try {
        if (!property("fps").empty()) {
            video.fps = store::parseRational(property("fps"));
        }
        if (!property("time_base").empty()) {
            video.time_base = store::parseRational(property("time_base"));
        }
    } catch (const Error& error) {
        throw Error(file + ": HEADER property: " + error.what());
    }
    for (const auto& tier : timeline.tiers) {
        TrackRecord track;
        track.name = tier.id;
        track.parent = tier.parent;
        if (const auto found = timeline.constraints.find(tier.type);
            found != timeline.constraints.end() && !tier.parent.empty()) {
            track.constraint = found->second;
        }
        const std::string kind = property("kind:" + tier.id);
        try {
            track.kind = kind.empty() ? store::TrackKind::Free : store::parseTrackKind(kind);
        } catch (const Error& error) {
            throw Error(file + ": tier '" + tier.id + "': " + error.what());
        }
        for (const auto& raw : tier.annotations) {
            const std::string where = file + ", line " + std::to_string(raw.line);
            const EafSpan& span = spans.at(raw.id);
            if (span.end_ms <= span.start_ms) {
                // ELAN allows zero-length annotations; a project item needs a duration.
                document.warnings.push_back(where + ": annotation " + raw.id +
                                            " has no duration; skipped");
                continue;
            }
            SegmentRecord segment;
            segment.start_s = static_cast<double>(span.start_ms) / 1000.0;
            segment.end_s = static_cast<double>(span.end_ms) / 1000.0;
            segment.label = raw.value;
            segment.external_id = raw.id;
            if (raw.cve_ref.starts_with("id:")) {
                segment.label_id = raw.cve_ref.substr(3);
            }
            segment.author = tier.annotator;
            segment.speaker = tier.participant;
            segment.parent_id = span.parent;
            segment.origin = where;
            track.segments.push_back(std::move(segment));
        }
        std::stable_sort(track.segments.begin(), track.segments.end(),
                         [](const auto& a, const auto& b) { return a.start_s < b.start_s; });
        video.tracks.push_back(std::move(track));
    }
    document.videos.push_back(std::move(video));
    return document;
}

void EafFormat::write(const AnnotationDocument& document, const std::filesystem::path& path) {
    if (document.videos.size() != 1) {
        throw Error(path.string() + ": an .eaf file describes one video, the selection has " +
                    std::to_string(document.videos.size()) + " (choose one with --video)");
    }
    const VideoRecord& video = document.videos.front();
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("ANNOTATION_DOCUMENT"));
    xml.writeAttribute(QStringLiteral("AUTHOR"), QStringLiteral("ActBERT Studio"));
    xml.writeAttribute(QStringLiteral("FORMAT"), QStringLiteral("3.0"));
    xml.writeAttribute(QStringLiteral("VERSION"), QStringLiteral("3.0"));
    xml.writeStartElement(QStringLiteral("HEADER"));
    xml.writeAttribute(QStringLiteral("MEDIA_FILE"), QString());
    xml.writeAttribute(QStringLiteral("TIME_UNITS"), QStringLiteral("milliseconds"));
    const auto writeProperty = [&](const std::string& key, const std::string& value) {
        xml.writeStartElement(QStringLiteral("PROPERTY"));
        xml.writeAttribute(QStringLiteral("NAME"), QString::fromStdString(kPropertyPrefix + key));
        xml.writeCharacters(QString::fromStdString(value));
        xml.writeEndElement();
    };
    writeProperty("video", video.key);
    if (video.fps) {
        writeProperty("fps", video.fps->toString());
    }
    if (video.time_base) {
        writeProperty("time_base", video.time_base->toString());
    }
    for (const auto& track : video.tracks) {
        writeProperty("kind:" + track.name, std::string(store::toString(track.kind)));
    }
    xml.writeEndElement();  // HEADER

    // A dependent tier is written as one when its parent is in the file and, for a symbolic
    // tier, every annotation's parent is found there; otherwise it becomes an independent tier
    // with its own times, which ELAN reads just as well.
    std::map<std::string, const TrackRecord*> by_name;
    for (const auto& track : video.tracks) {
        if (!by_name.emplace(track.name, &track).second) {
            throw Error(path.string() + ": two tracks named '" + track.name + "'");
        }
    }
    std::map<std::pair<std::string, std::string>, QString> written_ids;  // (tier, external id)
    std::size_t annotation_count = 0;
    for (const auto& track : video.tracks) {
        for (const auto& segment : track.segments) {
            const QString id = QStringLiteral("a%1").arg(++annotation_count);
            if (!segment.external_id.empty()) {
                written_ids.emplace(std::pair(track.name, segment.external_id), id);
            }
        }
    }
    const auto hierarchical = [&](const TrackRecord& track) {
        if (track.parent.empty() || track.constraint.empty() || !by_name.contains(track.parent)) {
            return false;
        }
        if (!isSymbolic(track.constraint)) {
            return true;
        }
        return std::all_of(track.segments.begin(), track.segments.end(), [&](const auto& s) {
            return written_ids.contains(std::pair(track.parent, s.parent_id));
        });
    };

    // Time slots: one per distinct millisecond, so shared boundaries share a slot.
    std::set<std::int64_t> times_ms;
    for (const auto& track : video.tracks) {
        if (hierarchical(track) && isSymbolic(track.constraint)) {
            continue;
        }
        for (const auto& segment : track.segments) {
            times_ms.insert(std::llround(segment.start_s * 1000.0));
            times_ms.insert(std::llround(segment.end_s * 1000.0));
        }
    }
    std::map<std::int64_t, QString> slot_ids;
    xml.writeStartElement(QStringLiteral("TIME_ORDER"));
    for (const auto ms : times_ms) {
        const QString id = QStringLiteral("ts%1").arg(slot_ids.size() + 1);
        slot_ids[ms] = id;
        xml.writeEmptyElement(QStringLiteral("TIME_SLOT"));
        xml.writeAttribute(QStringLiteral("TIME_SLOT_ID"), id);
        xml.writeAttribute(QStringLiteral("TIME_VALUE"), QString::number(ms));
    }
    xml.writeEndElement();

    annotation_count = 0;
    for (const auto& track : video.tracks) {
        const bool dependent = hierarchical(track);
        const bool symbolic = dependent && isSymbolic(track.constraint);
        xml.writeStartElement(QStringLiteral("TIER"));
        xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_REF"),
                           QString::fromStdString("lt-" + track.name));
        if (dependent) {
            xml.writeAttribute(QStringLiteral("PARENT_REF"), QString::fromStdString(track.parent));
        }
        const std::string speaker = track.segments.empty() ? "" : track.segments[0].speaker;
        if (!speaker.empty() &&
            std::all_of(track.segments.begin(), track.segments.end(),
                        [&](const auto& segment) { return segment.speaker == speaker; })) {
            xml.writeAttribute(QStringLiteral("PARTICIPANT"), QString::fromStdString(speaker));
        }
        xml.writeAttribute(QStringLiteral("TIER_ID"), QString::fromStdString(track.name));
        std::map<std::string, QString> previous_sibling;  // parent id -> last child written
        for (const auto& segment : track.segments) {
            const QString id = QStringLiteral("a%1").arg(++annotation_count);
            xml.writeStartElement(QStringLiteral("ANNOTATION"));
            if (symbolic) {
                xml.writeStartElement(QStringLiteral("REF_ANNOTATION"));
                xml.writeAttribute(QStringLiteral("ANNOTATION_ID"), id);
                xml.writeAttribute(QStringLiteral("ANNOTATION_REF"),
                                   written_ids.at(std::pair(track.parent, segment.parent_id)));
                QString& previous = previous_sibling[segment.parent_id];
                if (track.constraint == "Symbolic_Subdivision" && !previous.isEmpty()) {
                    xml.writeAttribute(QStringLiteral("PREVIOUS_ANNOTATION"), previous);
                }
                previous = id;
            } else {
                xml.writeStartElement(QStringLiteral("ALIGNABLE_ANNOTATION"));
                xml.writeAttribute(QStringLiteral("ANNOTATION_ID"), id);
                xml.writeAttribute(QStringLiteral("TIME_SLOT_REF1"),
                                   slot_ids[std::llround(segment.start_s * 1000.0)]);
                xml.writeAttribute(QStringLiteral("TIME_SLOT_REF2"),
                                   slot_ids[std::llround(segment.end_s * 1000.0)]);
            }
            if (!segment.label_id.empty()) {
                xml.writeAttribute(QStringLiteral("CVE_REF"),
                                   QString::fromStdString("id:" + segment.label_id));
            }
            xml.writeTextElement(QStringLiteral("ANNOTATION_VALUE"),
                                 QString::fromStdString(segment.label));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    const auto usesVocabulary = [](const TrackRecord& track) {
        return track.kind == store::TrackKind::ActionSegmentation ||
               track.kind == store::TrackKind::Steps;
    };
    std::set<std::string> stereotypes;
    for (const auto& track : video.tracks) {
        const bool dependent = hierarchical(track);
        xml.writeEmptyElement(QStringLiteral("LINGUISTIC_TYPE"));
        if (dependent) {
            xml.writeAttribute(QStringLiteral("CONSTRAINTS"),
                               QString::fromStdString(track.constraint));
            stereotypes.insert(track.constraint);
        }
        if (usesVocabulary(track)) {
            xml.writeAttribute(QStringLiteral("CONTROLLED_VOCABULARY_REF"),
                               QString::fromStdString("cv-" + track.name));
        }
        xml.writeAttribute(QStringLiteral("GRAPHIC_REFERENCES"), QStringLiteral("false"));
        xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_ID"),
                           QString::fromStdString("lt-" + track.name));
        xml.writeAttribute(QStringLiteral("TIME_ALIGNABLE"),
                           dependent && isSymbolic(track.constraint) ? QStringLiteral("false")
                                                                     : QStringLiteral("true"));
    }
    xml.writeEmptyElement(QStringLiteral("LANGUAGE"));
    xml.writeAttribute(QStringLiteral("LANG_ID"), QStringLiteral("eng"));
    xml.writeAttribute(QStringLiteral("LANG_LABEL"), QStringLiteral("English (eng)"));
    for (const auto& stereotype : stereotypes) {
        xml.writeEmptyElement(QStringLiteral("CONSTRAINT"));
        xml.writeAttribute(QStringLiteral("DESCRIPTION"), QString::fromStdString(stereotype));
        xml.writeAttribute(QStringLiteral("STEREOTYPE"), QString::fromStdString(stereotype));
    }
    for (const auto& track : video.tracks) {
        if (!usesVocabulary(track)) {
            continue;
        }
        xml.writeStartElement(QStringLiteral("CONTROLLED_VOCABULARY"));
        xml.writeAttribute(QStringLiteral("CV_ID"), QString::fromStdString("cv-" + track.name));
        std::map<std::string, std::string> entries;  // entry id -> label
        for (const auto& segment : track.segments) {
            const std::string id =
                segment.label_id.empty() ? "label:" + segment.label : "id:" + segment.label_id;
            entries.emplace(id, segment.label);
        }
        for (const auto& [id, label] : entries) {
            xml.writeStartElement(QStringLiteral("CV_ENTRY_ML"));
            xml.writeAttribute(QStringLiteral("CVE_ID"), QString::fromStdString(id));
            xml.writeStartElement(QStringLiteral("CVE_VALUE"));
            xml.writeAttribute(QStringLiteral("LANG_REF"), QStringLiteral("eng"));
            xml.writeCharacters(QString::fromStdString(label));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();  // ANNOTATION_DOCUMENT
    xml.writeEndDocument();
    writeFileAtomically(path, std::string_view(bytes.constData(), bytes.size()));
}

}  // namespace actbert::data
