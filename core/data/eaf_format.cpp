#include "core/data/eaf_format.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cmath>
#include <map>
#include <set>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/data/format_support.h"

namespace actbert::data {
namespace {

constexpr const char* kPropertyPrefix = "actbert:";

std::string str(const QStringView view) {
    return view.toString().toStdString();
}

struct RawAnnotation {
    std::string id;
    std::string slot1;
    std::string slot2;
    std::string value;
    std::string cve_ref;
    qint64 line = 0;
};

struct RawTier {
    std::string id;
    std::string type;
    std::string annotator;
    std::vector<RawAnnotation> annotations;
    bool has_references = false;
};

}  // namespace

AnnotationDocument EafFormat::read(const std::filesystem::path& path,
                                   const std::string& video_key) {
    const std::string text = readTextFile(path);
    const std::string file = path.string();
    QXmlStreamReader xml(QByteArray::fromRawData(text.data(), static_cast<qsizetype>(text.size())));
    const auto fail = [&](const std::string& problem) -> void {
        throw Error(file + ", line " + std::to_string(xml.lineNumber()) + ": " + problem);
    };
    std::map<std::string, std::optional<std::int64_t>> slots;
    std::map<std::string, std::string> properties;
    std::vector<RawTier> tiers;
    std::string media_url;
    bool root_seen = false;
    RawAnnotation* annotation = nullptr;
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
        const auto attributes = xml.attributes();
        if (!root_seen) {
            if (name != u"ANNOTATION_DOCUMENT") {
                fail("not an ELAN file (root element is <" + str(name) + ">)");
            }
            root_seen = true;
        } else if (name == u"MEDIA_DESCRIPTOR") {
            if (media_url.empty()) {
                media_url = str(attributes.value(QLatin1String("MEDIA_URL")));
            }
        } else if (name == u"PROPERTY") {
            const std::string key = str(attributes.value(QLatin1String("NAME")));
            properties[key] = xml.readElementText().toStdString();
        } else if (name == u"TIME_SLOT") {
            const std::string id = str(attributes.value(QLatin1String("TIME_SLOT_ID")));
            if (id.empty()) {
                fail("TIME_SLOT without TIME_SLOT_ID");
            }
            std::optional<std::int64_t> value;
            if (attributes.hasAttribute(QLatin1String("TIME_VALUE"))) {
                value = parseInteger(str(attributes.value(QLatin1String("TIME_VALUE"))),
                                     file + ", line " + std::to_string(xml.lineNumber()) +
                                         " (TIME_VALUE of " + id + ")");
            }
            slots[id] = value;
        } else if (name == u"TIER") {
            RawTier tier;
            tier.id = str(attributes.value(QLatin1String("TIER_ID")));
            tier.type = str(attributes.value(QLatin1String("LINGUISTIC_TYPE_REF")));
            tier.annotator = str(attributes.value(QLatin1String("ANNOTATOR")));
            if (tier.id.empty()) {
                fail("TIER without TIER_ID");
            }
            tiers.push_back(std::move(tier));
        } else if (name == u"ALIGNABLE_ANNOTATION") {
            if (tiers.empty()) {
                fail("ALIGNABLE_ANNOTATION outside a TIER");
            }
            RawAnnotation raw;
            raw.id = str(attributes.value(QLatin1String("ANNOTATION_ID")));
            raw.slot1 = str(attributes.value(QLatin1String("TIME_SLOT_REF1")));
            raw.slot2 = str(attributes.value(QLatin1String("TIME_SLOT_REF2")));
            raw.cve_ref = str(attributes.value(QLatin1String("CVE_REF")));
            raw.line = xml.lineNumber();
            tiers.back().annotations.push_back(std::move(raw));
            annotation = &tiers.back().annotations.back();
        } else if (name == u"REF_ANNOTATION") {
            if (!tiers.empty()) {
                tiers.back().has_references = true;
            }
            annotation = nullptr;
        } else if (name == u"ANNOTATION_VALUE") {
            const std::string value = xml.readElementText().toStdString();
            if (annotation != nullptr) {
                annotation->value = value;
                annotation = nullptr;
            }
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
    for (const auto& raw_tier : tiers) {
        if (raw_tier.has_references) {
            document.warnings.push_back(file + ": tier '" + raw_tier.id +
                                        "' holds reference annotations (no own times); skipped");
        }
        TrackRecord track;
        track.name = raw_tier.id;
        const std::string kind = property("kind:" + raw_tier.id);
        try {
            track.kind = kind.empty() ? store::TrackKind::Free : store::parseTrackKind(kind);
        } catch (const Error& error) {
            throw Error(file + ": tier '" + raw_tier.id + "': " + error.what());
        }
        for (const auto& raw : raw_tier.annotations) {
            const std::string where = file + ", line " + std::to_string(raw.line);
            const auto start = slots.find(raw.slot1);
            const auto end = slots.find(raw.slot2);
            if (start == slots.end() || end == slots.end()) {
                throw Error(where + ": annotation " + raw.id + " refers to an unknown time slot");
            }
            if (!start->second || !end->second) {
                throw Error(where + ": annotation " + raw.id +
                            " uses an unaligned time slot; align it in ELAN first");
            }
            SegmentRecord segment;
            segment.start_s = static_cast<double>(*start->second) / 1000.0;
            segment.end_s = static_cast<double>(*end->second) / 1000.0;
            checkSegmentTimes(segment.start_s, segment.end_s, 0, where);
            segment.label = raw.value;
            segment.external_id = raw.id;
            if (raw.cve_ref.starts_with("id:")) {
                segment.label_id = raw.cve_ref.substr(3);
            }
            segment.author = raw_tier.annotator;
            segment.origin = where;
            track.segments.push_back(std::move(segment));
        }
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

    // Time slots: one per distinct millisecond, so shared boundaries share a slot.
    std::set<std::int64_t> times_ms;
    for (const auto& track : video.tracks) {
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

    std::size_t annotation_count = 0;
    std::set<std::string> tier_names;
    for (const auto& track : video.tracks) {
        if (!tier_names.insert(track.name).second) {
            throw Error(path.string() + ": two tracks named '" + track.name + "'");
        }
        xml.writeStartElement(QStringLiteral("TIER"));
        xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_REF"),
                           QString::fromStdString("lt-" + track.name));
        xml.writeAttribute(QStringLiteral("TIER_ID"), QString::fromStdString(track.name));
        for (const auto& segment : track.segments) {
            xml.writeStartElement(QStringLiteral("ANNOTATION"));
            xml.writeStartElement(QStringLiteral("ALIGNABLE_ANNOTATION"));
            xml.writeAttribute(QStringLiteral("ANNOTATION_ID"),
                               QStringLiteral("a%1").arg(++annotation_count));
            xml.writeAttribute(QStringLiteral("TIME_SLOT_REF1"),
                               slot_ids[std::llround(segment.start_s * 1000.0)]);
            xml.writeAttribute(QStringLiteral("TIME_SLOT_REF2"),
                               slot_ids[std::llround(segment.end_s * 1000.0)]);
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
    for (const auto& track : video.tracks) {
        xml.writeEmptyElement(QStringLiteral("LINGUISTIC_TYPE"));
        if (usesVocabulary(track)) {
            xml.writeAttribute(QStringLiteral("CONTROLLED_VOCABULARY_REF"),
                               QString::fromStdString("cv-" + track.name));
        }
        xml.writeAttribute(QStringLiteral("GRAPHIC_REFERENCES"), QStringLiteral("false"));
        xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_ID"),
                           QString::fromStdString("lt-" + track.name));
        xml.writeAttribute(QStringLiteral("TIME_ALIGNABLE"), QStringLiteral("true"));
    }
    xml.writeEmptyElement(QStringLiteral("LANGUAGE"));
    xml.writeAttribute(QStringLiteral("LANG_ID"), QStringLiteral("eng"));
    xml.writeAttribute(QStringLiteral("LANG_LABEL"), QStringLiteral("English (eng)"));
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
