// Tests of ELAN documents as ELAN writes them: every tier type (independent, Time_Subdivision,
// Included_In, Symbolic_Subdivision, Symbolic_Association) with unaligned time slots, chains of
// dependent tiers, EAF 2.7 to 3.0 headers; the times must be those ELAN shows, tier parents
// become parent references, and an export reads back exactly. The documents are written here.

#include <QTemporaryDir>
#include <QTest>

#include <map>

#include "core/common/error.h"
#include "core/data/annotation_formats.h"
#include "core/data/project_exporter.h"
#include "core/data/project_importer.h"
#include "core/store/project.h"
#include "data_test_support.h"

using namespace actbert;
using namespace actbert::data;
using namespace actbert::data::testing;

namespace {

std::filesystem::path in(const QTemporaryDir& dir, const std::string& name) {
    return std::filesystem::path(dir.path().toStdString()) / name;
}

std::string header(const std::string& version) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"2021-03-04T10:00:00+01:00\" FORMAT=\"" +
           version + "\" VERSION=\"" + version +
           "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv" +
           version +
           ".xsd\">\n"
           "    <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n"
           "        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///data/kitchen.mp4\" "
           "MIME_TYPE=\"video/mp4\"/>\n"
           "        <PROPERTY NAME=\"URN\">urn:nl-mpi-tools-elan-eaf:1234</PROPERTY>\n"
           "        <PROPERTY NAME=\"lastUsedAnnotationId\">24</PROPERTY>\n"
           "    </HEADER>\n";
}

std::string alignable(const std::string& id, const std::string& slot1, const std::string& slot2,
                      const std::string& value) {
    return "        <ANNOTATION>\n            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"" + id +
           "\" TIME_SLOT_REF1=\"" + slot1 + "\" TIME_SLOT_REF2=\"" + slot2 +
           "\">\n                <ANNOTATION_VALUE>" + value +
           "</ANNOTATION_VALUE>\n            </ALIGNABLE_ANNOTATION>\n        </ANNOTATION>\n";
}

std::string reference(const std::string& id, const std::string& ref, const std::string& previous,
                      const std::string& value) {
    return "        <ANNOTATION>\n            <REF_ANNOTATION ANNOTATION_ID=\"" + id +
           "\" ANNOTATION_REF=\"" + ref + "\"" +
           (previous.empty() ? "" : " PREVIOUS_ANNOTATION=\"" + previous + "\"") +
           ">\n                <ANNOTATION_VALUE>" + value +
           "</ANNOTATION_VALUE>\n            </REF_ANNOTATION>\n        </ANNOTATION>\n";
}

std::string slot(const std::string& id, int ms = -1) {
    return "        <TIME_SLOT TIME_SLOT_ID=\"" + id + "\"" +
           (ms < 0 ? "" : " TIME_VALUE=\"" + std::to_string(ms) + "\"") + "/>\n";
}

// A document with all five tier types. Unaligned slots: the words inside each utterance, the
// syllables inside the words (a chain: their bounds are themselves unaligned), the gestures.
std::string kitchenDocument(const std::string& version) {
    std::string eaf = header(version);
    eaf += "    <TIME_ORDER>\n" + slot("ts1", 0) + slot("ts11") + slot("ts2") + slot("ts12") +
           slot("ts13") + slot("ts3") + slot("ts4", 3000) + slot("ts5", 4000) + slot("ts14") +
           slot("ts15") + slot("ts6") + slot("ts7", 6000) + "    </TIME_ORDER>\n";
    eaf +=
        "    <TIER LINGUISTIC_TYPE_REF=\"default-lt\" PARTICIPANT=\"Ann\" ANNOTATOR=\"kim\" "
        "TIER_ID=\"utterance\">\n" +
        alignable("a1", "ts1", "ts4", "crack the eggs &amp; whisk") +
        alignable("a2", "ts5", "ts7", "now pour") + "    </TIER>\n";
    eaf +=
        "    <TIER LINGUISTIC_TYPE_REF=\"words-lt\" PARENT_REF=\"utterance\" "
        "PARTICIPANT=\"Ann\" TIER_ID=\"words\">\n" +
        alignable("a3", "ts1", "ts2", "crack") + alignable("a4", "ts2", "ts3", "the") +
        alignable("a5", "ts3", "ts4", "eggs") + alignable("a6", "ts5", "ts6", "now") +
        alignable("a7", "ts6", "ts7", "pour") + "    </TIER>\n";
    eaf +=
        "    <TIER LINGUISTIC_TYPE_REF=\"syllables-lt\" PARENT_REF=\"words\" "
        "TIER_ID=\"syllables\">\n" +
        alignable("a8", "ts1", "ts11", "cr") + alignable("a9", "ts11", "ts2", "ack") +
        alignable("a10", "ts2", "ts12", "t") + alignable("a11", "ts12", "ts13", "h") +
        alignable("a12", "ts13", "ts3", "e") + "    </TIER>\n";
    eaf +=
        "    <TIER LINGUISTIC_TYPE_REF=\"gesture-lt\" PARENT_REF=\"utterance\" "
        "TIER_ID=\"gesture\">\n" +
        alignable("a13", "ts5", "ts14", "reach") + alignable("a14", "ts14", "ts15", "tilt") +
        "    </TIER>\n";
    eaf +=
        "    <TIER LINGUISTIC_TYPE_REF=\"translation-lt\" PARENT_REF=\"utterance\" "
        "TIER_ID=\"translation\">\n" +
        reference("a15", "a1", "", "die Eier aufschlagen") +
        reference("a16", "a2", "", "jetzt giessen") + "    </TIER>\n";
    // Written out of order on purpose: PREVIOUS_ANNOTATION, not the file, gives the order.
    eaf +=
        "    <TIER LINGUISTIC_TYPE_REF=\"morphemes-lt\" PARENT_REF=\"words\" "
        "TIER_ID=\"morphemes\">\n" +
        reference("a19", "a5", "a18", "s") + reference("a17", "a5", "", "egg") +
        reference("a18", "a5", "a17", "-PL") + "    </TIER>\n";
    eaf +=
        "    <TIER LINGUISTIC_TYPE_REF=\"gloss-lt\" PARENT_REF=\"morphemes\" "
        "TIER_ID=\"gloss\">\n" +
        reference("a20", "a18", "", "plural") + "    </TIER>\n";
    const auto type = [](const std::string& id, const std::string& constraint, bool alignable) {
        return "    <LINGUISTIC_TYPE " +
               (constraint.empty() ? "" : "CONSTRAINTS=\"" + constraint + "\" ") +
               "GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"" + id + "\" TIME_ALIGNABLE=\"" +
               (alignable ? "true" : "false") + "\"/>\n";
    };
    eaf += type("default-lt", "", true) + type("words-lt", "Time_Subdivision", true) +
           type("syllables-lt", "Time_Subdivision", true) +
           type("gesture-lt", "Included_In", true) +
           type("translation-lt", "Symbolic_Association", false) +
           type("morphemes-lt", "Symbolic_Subdivision", false) +
           type("gloss-lt", "Symbolic_Association", false);
    if (version != "2.7") {
        eaf +=
            "    <LANGUAGE LANG_DEF=\"http://cdb.iso.org/lg/CDB-00130975-001\" "
            "LANG_ID=\"eng\" LANG_LABEL=\"English (eng)\"/>\n";
    }
    for (const char* stereotype :
         {"Time_Subdivision", "Symbolic_Subdivision", "Symbolic_Association", "Included_In"}) {
        eaf += std::string("    <CONSTRAINT DESCRIPTION=\"...\" STEREOTYPE=\"") + stereotype +
               "\"/>\n";
    }
    if (version == "2.7") {
        eaf +=
            "    <CONTROLLED_VOCABULARY CV_ID=\"cv\" DESCRIPTION=\"\">\n"
            "        <CV_ENTRY DESCRIPTION=\"\">egg</CV_ENTRY>\n"
            "    </CONTROLLED_VOCABULARY>\n";
    } else {
        eaf +=
            "    <CONTROLLED_VOCABULARY CV_ID=\"cv\">\n"
            "        <CV_ENTRY_ML CVE_ID=\"cveid1\"><CVE_VALUE LANG_REF=\"eng\">egg</CVE_VALUE>"
            "</CV_ENTRY_ML>\n    </CONTROLLED_VOCABULARY>\n";
    }
    return eaf + "</ANNOTATION_DOCUMENT>\n";
}

const TrackRecord& track(const AnnotationDocument& document, const std::string& name) {
    for (const auto& candidate : document.videos.at(0).tracks) {
        if (candidate.name == name) {
            return candidate;
        }
    }
    throw std::runtime_error("no track " + name);
}

// "label start-end ms <parent label>" for each segment of a track.
std::vector<std::string> describe(const AnnotationDocument& document, const std::string& name) {
    std::map<std::string, std::string> labels;
    for (const auto& candidate : document.videos.at(0).tracks) {
        for (const auto& segment : candidate.segments) {
            labels[segment.external_id] = segment.label;
        }
    }
    std::vector<std::string> out;
    for (const auto& segment : track(document, name).segments) {
        out.push_back(segment.label + " " + std::to_string(std::llround(segment.start_s * 1000)) +
                      "-" + std::to_string(std::llround(segment.end_s * 1000)) +
                      (segment.parent_id.empty() ? "" : " <" + labels[segment.parent_id] + ">"));
    }
    return out;
}

using Lines = std::vector<std::string>;

}  // namespace

class TestElan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyTierTypeGetsElansTimes() {
        QTemporaryDir dir;
        for (const std::string version : {"2.7", "2.8", "3.0"}) {
            writeFile(in(dir, "kitchen.eaf"), kitchenDocument(version));
            const auto document = AnnotationFormats::read("eaf", {in(dir, "kitchen.eaf")});
            QVERIFY2(document.warnings.empty(), version.c_str());
            QCOMPARE(document.videos.at(0).key, std::string("kitchen"));
            QCOMPARE(document.videos.at(0).tracks.size(), std::size_t(7));
            QCOMPARE(describe(document, "utterance"),
                     (Lines{"crack the eggs & whisk 0-3000", "now pour 4000-6000"}));
            // Time_Subdivision: three words share 0-3000, two share 4000-6000.
            QCOMPARE(describe(document, "words"),
                     (Lines{"crack 0-1000 <crack the eggs & whisk>",
                            "the 1000-2000 <crack the eggs & whisk>",
                            "eggs 2000-3000 <crack the eggs & whisk>", "now 4000-5000 <now pour>",
                            "pour 5000-6000 <now pour>"}));
            // A chain: the syllables divide the words' interpolated spans.
            QCOMPARE(describe(document, "syllables"),
                     (Lines{"cr 0-500 <crack>", "ack 500-1000 <crack>", "t 1000-1333 <the>",
                            "h 1333-1667 <the>", "e 1667-2000 <the>"}));
            // Included_In: unaligned slots between the aligned 4000 and the word boundary.
            QCOMPARE(describe(document, "gesture"),
                     (Lines{"reach 4000-4333 <now pour>", "tilt 4333-4667 <now pour>"}));
            QCOMPARE(describe(document, "translation"),
                     (Lines{"die Eier aufschlagen 0-3000 <crack the eggs & whisk>",
                            "jetzt giessen 4000-6000 <now pour>"}));
            QCOMPARE(describe(document, "morphemes"),
                     (Lines{"egg 2000-2333 <eggs>", "-PL 2333-2667 <eggs>", "s 2667-3000 <eggs>"}));
            QCOMPARE(describe(document, "gloss"), (Lines{"plural 2333-2667 <-PL>"}));
            QCOMPARE(track(document, "syllables").parent, std::string("words"));
            QCOMPARE(track(document, "morphemes").constraint, std::string("Symbolic_Subdivision"));
            QCOMPARE(track(document, "words").segments.at(0).speaker, std::string("Ann"));
            QCOMPARE(track(document, "utterance").segments.at(0).author, std::string("kim"));
        }
    }

    void exportWritesTheHierarchyBack() {
        QTemporaryDir dir;
        writeFile(in(dir, "kitchen.eaf"), kitchenDocument("3.0"));
        const auto document = AnnotationFormats::read("eaf", {in(dir, "kitchen.eaf")});
        AnnotationFormats::write("eaf", document, in(dir, "out.eaf"));
        const std::string written = readFile(in(dir, "out.eaf"));
        for (const char* needle :
             {"PARENT_REF=\"words\"", "CONSTRAINTS=\"Symbolic_Subdivision\"",
              "STEREOTYPE=\"Time_Subdivision\"", "<REF_ANNOTATION",
              "PREVIOUS_ANNOTATION=", "TIME_ALIGNABLE=\"false\"", "PARTICIPANT=\"Ann\""}) {
            QVERIFY2(written.find(needle) != std::string::npos, needle);
        }
        const auto again = AnnotationFormats::read("eaf", {in(dir, "out.eaf")}, "kitchen");
        QVERIFY(again.warnings.empty());
        for (const auto& original : document.videos.at(0).tracks) {
            QCOMPARE(describe(again, original.name), describe(document, original.name));
            QCOMPARE(track(again, original.name).parent, original.parent);
            QCOMPARE(track(again, original.name).constraint, original.constraint);
        }
        const std::string difference = compareDocuments(document, again);
        QVERIFY2(difference.empty(), difference.c_str());
    }

    void aProjectKeepsTheTimesAndTheHierarchy() {
        QTemporaryDir dir;
        writeFile(in(dir, "kitchen.eaf"), kitchenDocument("2.8"));
        const auto document = AnnotationFormats::read("eaf", {in(dir, "kitchen.eaf")});
        {
            store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::CreateNew);
            ProjectImporter::run(project, document, {}, nullptr, CancelToken());
        }
        // Reopened, so everything comes from the file, not from memory.
        store::Project project(in(dir, "p.actbert"), store::Project::OpenMode::OpenExisting);
        const auto video = project.videos().findByKey("kitchen");
        QVERIFY(video);
        const auto morphemes = project.tracks().findByName(video->id, "morphemes");
        QVERIFY(morphemes && morphemes->parent_track_id);
        QCOMPARE(project.tracks().get(*morphemes->parent_track_id).name, std::string("words"));
        QCOMPARE(morphemes->parent_constraint, std::string("Symbolic_Subdivision"));
        const auto words = project.tracks().findByName(video->id, "words");
        QCOMPARE(project.items().forTrack(words->id).at(0).speaker, std::string("Ann"));
        QCOMPARE(project.items().forTrack(words->id).at(0).parent_ref, std::string("a1"));

        const auto collected = ProjectExporter::collect(project, {});
        std::string difference = compareNarration(document, collected);
        QVERIFY2(difference.empty(), difference.c_str());
        AnnotationFormats::write("eaf", collected, in(dir, "out.eaf"));
        const std::string written = readFile(in(dir, "out.eaf"));
        for (const char* needle : {"PARENT_REF=\"morphemes\"", "<REF_ANNOTATION",
                                   "PREVIOUS_ANNOTATION=", "PARTICIPANT=\"Ann\""}) {
            QVERIFY2(written.find(needle) != std::string::npos, needle);
        }
        const auto again = AnnotationFormats::read("eaf", {in(dir, "out.eaf")});
        QVERIFY(again.warnings.empty());
        difference = compareNarration(document, again);
        QVERIFY2(difference.empty(), difference.c_str());
        for (const auto& original : document.videos.at(0).tracks) {
            QCOMPARE(describe(again, original.name), describe(document, original.name));
        }
    }

    void brokenStructureNamesTheLine() {
        QTemporaryDir dir;
        const auto expectError = [&](const std::string& eaf, const std::vector<std::string>& what) {
            writeFile(in(dir, "bad.eaf"), eaf);
            try {
                AnnotationFormats::read("eaf", {in(dir, "bad.eaf")});
                QFAIL("a broken document was read");
            } catch (const Error& error) {
                for (const auto& needle : what) {
                    QVERIFY2(std::string(error.what()).find(needle) != std::string::npos,
                             error.what());
                }
            }
        };
        const std::string head = header("3.0") + "    <TIME_ORDER>\n" + slot("ts1", 0) +
                                 slot("ts2") + slot("ts3", 900) + "    </TIME_ORDER>\n";
        const std::string types =
            "    <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID=\"lt\" TIME_ALIGNABLE=\"true\"/>\n"
            "    <LINGUISTIC_TYPE CONSTRAINTS=\"Symbolic_Association\" LINGUISTIC_TYPE_ID=\"sa\" "
            "TIME_ALIGNABLE=\"false\"/>\n</ANNOTATION_DOCUMENT>\n";
        expectError(head + "    <TIER LINGUISTIC_TYPE_REF=\"lt\" TIER_ID=\"t\">\n" +
                        alignable("a1", "ts1", "ts9", "x") + "    </TIER>\n" + types,
                    {"bad.eaf, line 15", "unknown time slot 'ts9'"});
        expectError(head + "    <TIER LINGUISTIC_TYPE_REF=\"lt\" TIER_ID=\"t\">\n" +
                        alignable("a1", "ts1", "ts3", "x") + "    </TIER>\n" +
                        "    <TIER LINGUISTIC_TYPE_REF=\"sa\" PARENT_REF=\"t\" TIER_ID=\"r\">\n" +
                        reference("a2", "a7", "", "y") + "    </TIER>\n" + types,
                    {"bad.eaf, line 22", "'a7'"});
        expectError(head +
                        "    <TIER LINGUISTIC_TYPE_REF=\"sa\" PARENT_REF=\"nowhere\" "
                        "TIER_ID=\"r\">\n    </TIER>\n" +
                        types,
                    {"line 13", "'nowhere'"});
        // An unaligned slot with nothing aligned after it cannot be placed.
        expectError(header("3.0") + "    <TIME_ORDER>\n" + slot("ts1", 0) + slot("ts2") +
                        "    </TIME_ORDER>\n    <TIER LINGUISTIC_TYPE_REF=\"lt\" "
                        "TIER_ID=\"t\">\n" +
                        alignable("a1", "ts1", "ts2", "x") + "    </TIER>\n" + types,
                    {"'ts2'", "unaligned"});
        // Unaligned slots between aligned ones are fine in an independent tier too.
        writeFile(in(dir, "ok.eaf"),
                  head + "    <TIER LINGUISTIC_TYPE_REF=\"lt\" TIER_ID=\"t\">\n" +
                      alignable("a1", "ts1", "ts2", "x") + alignable("a2", "ts2", "ts3", "y") +
                      "    </TIER>\n" + types);
        const auto ok = AnnotationFormats::read("eaf", {in(dir, "ok.eaf")});
        QCOMPARE(describe(ok, "t"), (Lines{"x 0-450", "y 450-900"}));
    }
};

QTEST_GUILESS_MAIN(TestElan)
#include "test_elan.moc"
