#include "data_test_support.h"

#include <QProcess>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/data/project_exporter.h"

namespace actbert::data::testing {

void writeFile(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

namespace {

// Videos by key and segments by time: dictionaries in JSON have no order of their own.
AnnotationDocument canonical(AnnotationDocument document) {
    std::stable_sort(document.videos.begin(), document.videos.end(),
                     [](const auto& a, const auto& b) { return a.key < b.key; });
    for (auto& video : document.videos) {
        for (auto& track : video.tracks) {
            std::stable_sort(track.segments.begin(), track.segments.end(),
                             [](const auto& a, const auto& b) { return a.start_s < b.start_s; });
        }
    }
    return document;
}

}  // namespace

std::string compareDocuments(const AnnotationDocument& expected_document,
                             const AnnotationDocument& actual_document, double tolerance_s) {
    const AnnotationDocument expected = canonical(expected_document);
    const AnnotationDocument actual = canonical(actual_document);
    if (expected.videos.size() != actual.videos.size()) {
        return "video count " + std::to_string(expected.videos.size()) + " vs " +
               std::to_string(actual.videos.size());
    }
    for (std::size_t v = 0; v < expected.videos.size(); ++v) {
        const auto& a = expected.videos[v];
        const auto& b = actual.videos[v];
        if (a.key != b.key || a.tracks.size() != b.tracks.size()) {
            return "video " + a.key + " vs " + b.key + " (tracks " +
                   std::to_string(a.tracks.size()) + " vs " + std::to_string(b.tracks.size()) + ")";
        }
        for (std::size_t t = 0; t < a.tracks.size(); ++t) {
            const auto& ta = a.tracks[t];
            const auto& tb = b.tracks[t];
            if (ta.name != tb.name || ta.kind != tb.kind ||
                ta.segments.size() != tb.segments.size()) {
                return "video " + a.key + " track " + ta.name + " vs " + tb.name + " (" +
                       std::to_string(ta.segments.size()) + " vs " +
                       std::to_string(tb.segments.size()) + " segments)";
            }
            for (std::size_t s = 0; s < ta.segments.size(); ++s) {
                const auto& sa = ta.segments[s];
                const auto& sb = tb.segments[s];
                const std::string at =
                    "video " + a.key + " track " + ta.name + " segment " + std::to_string(s) + ": ";
                if (std::abs(sa.start_s - sb.start_s) > tolerance_s ||
                    std::abs(sa.end_s - sb.end_s) > tolerance_s) {
                    return at + "times " + std::to_string(sa.start_s) + "-" +
                           std::to_string(sa.end_s) + " vs " + std::to_string(sb.start_s) + "-" +
                           std::to_string(sb.end_s);
                }
                if (sa.label != sb.label || sa.label_id != sb.label_id) {
                    return at + "label '" + sa.label + "' [" + sa.label_id + "] vs '" + sb.label +
                           "' [" + sb.label_id + "]";
                }
                if (sa.start_frame && sb.start_frame &&
                    (*sa.start_frame != *sb.start_frame || *sa.end_frame != *sb.end_frame)) {
                    return at + "frames differ";
                }
            }
        }
    }
    return {};
}

namespace {

// "label@start_ms" of the segment of `track`'s parent track that `segment` names.
std::string parentOf(const VideoRecord& video, const TrackRecord& track,
                     const SegmentRecord& segment) {
    if (segment.parent_id.empty()) {
        return {};
    }
    for (const auto& candidate : video.tracks) {
        if (candidate.name != track.parent) {
            continue;
        }
        for (const auto& parent : candidate.segments) {
            if (parent.external_id == segment.parent_id) {
                return parent.label + "@" + std::to_string(std::llround(parent.start_s * 1000));
            }
        }
    }
    return "unknown " + segment.parent_id;
}

std::string describeWords(const std::vector<TimedText>& words) {
    std::string out;
    for (const auto& word : words) {
        out += "[" + std::to_string(word.start_s) + " '" + word.text + "']";
    }
    return out;
}

}  // namespace

std::string compareNarration(const AnnotationDocument& expected_document,
                             const AnnotationDocument& actual_document) {
    if (auto difference = compareDocuments(expected_document, actual_document);
        !difference.empty()) {
        return difference;
    }
    const AnnotationDocument expected = canonical(expected_document);
    const AnnotationDocument actual = canonical(actual_document);
    for (std::size_t v = 0; v < expected.videos.size(); ++v) {
        const auto& a = expected.videos[v];
        const auto& b = actual.videos[v];
        for (std::size_t t = 0; t < a.tracks.size(); ++t) {
            const auto& ta = a.tracks[t];
            const auto& tb = b.tracks[t];
            if (ta.parent != tb.parent || ta.constraint != tb.constraint) {
                return "video " + a.key + " track " + ta.name + ": parent '" + ta.parent + "' (" +
                       ta.constraint + ") vs '" + tb.parent + "' (" + tb.constraint + ")";
            }
            for (std::size_t s = 0; s < ta.segments.size(); ++s) {
                const auto& sa = ta.segments[s];
                const auto& sb = tb.segments[s];
                const std::string at =
                    "video " + a.key + " track " + ta.name + " segment " + std::to_string(s) + ": ";
                if (sa.speaker != sb.speaker) {
                    return at + "speaker '" + sa.speaker + "' vs '" + sb.speaker + "'";
                }
                if (sa.chunks != sb.chunks) {
                    return at + "word times " + describeWords(sa.chunks) + " vs " +
                           describeWords(sb.chunks);
                }
                if (parentOf(a, ta, sa) != parentOf(b, tb, sb)) {
                    return at + "parent " + parentOf(a, ta, sa) + " vs " + parentOf(b, tb, sb);
                }
            }
        }
    }
    return {};
}

AnnotationDocument snapshot(store::Project& project) {
    // A project without tracks is an empty document (collect() refuses to export nothing);
    // any other failure propagates and fails the test instead of reading as "no items".
    if (project.tracks().list().empty()) {
        return {};
    }
    return ProjectExporter::collect(project, {});
}

CliResult runCli(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(ACTBERT_CLI_PATH), arguments);
    process.waitForFinished(120000);
    CliResult result;
    result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput().toStdString();
    result.err = process.readAllStandardError().toStdString();
    return result;
}

const char* coinFixture() {
    return R"({"database": {
 "-0og5yXaJIk": {"recipe_type": 113, "class": "ReplaceADoorKnob", "subset": "training",
   "start": 1.0, "end": 121.5, "duration": 125.2,
   "video_url": "https://www.youtube.com/embed/-0og5yXaJIk",
   "annotation": [{"id": "775", "segment": [19.0, 23.0], "label": "remove the old door knob"},
                  {"id": "776", "segment": [25.5, 40.0], "label": "install the new door knob"}]},
 "zzvFJ2u7K3w": {"recipe_type": 12, "class": "MakeSandwich", "subset": "testing",
   "start": 0.0, "end": 60.0, "duration": 61.0, "video_url": "https://www.youtube.com/embed/zzvFJ2u7K3w",
   "annotation": [{"id": "41", "segment": [2.0, 10.25], "label": "cut bread"}]}}})";
}

const char* eafFixture() {
    return R"eaf(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2020-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
        <MEDIA_DESCRIPTOR MEDIA_URL="file:///videos/pancakes.mp4" MIME_TYPE="video/mp4"/>
        <PROPERTY NAME="lastUsedAnnotationId">4</PROPERTY>
    </HEADER>
    <TIME_ORDER>
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
        <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1500"/>
        <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="4250"/>
        <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="7001"/>
    </TIME_ORDER>
    <TIER LINGUISTIC_TYPE_REF="step-type" TIER_ID="steps" ANNOTATOR="ann">
        <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
            <ANNOTATION_VALUE>crack eggs</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
        <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
            <ANNOTATION_VALUE>whisk &amp; pour</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="speech">
        <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
            <ANNOTATION_VALUE>now flip it</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
    </TIER>
    <LINGUISTIC_TYPE CONTROLLED_VOCABULARY_REF="steps-cv" GRAPHIC_REFERENCES="false"
        LINGUISTIC_TYPE_ID="step-type" TIME_ALIGNABLE="true"/>
    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
    <LANGUAGE LANG_DEF="http://cdb.iso.org/lg/CDB-00130975-001" LANG_ID="eng" LANG_LABEL="English (eng)"/>
    <CONTROLLED_VOCABULARY CV_ID="steps-cv">
        <CV_ENTRY_ML CVE_ID="cveid0"><CVE_VALUE LANG_REF="eng">crack eggs</CVE_VALUE></CV_ENTRY_ML>
    </CONTROLLED_VOCABULARY>
</ANNOTATION_DOCUMENT>
)eaf";
}

}  // namespace actbert::data::testing
