#pragma once
// Helpers for the format tests: writing fixture files, comparing documents, running the CLI.

#include <QStringList>

#include <filesystem>
#include <string>

#include "core/data/annotation_document.h"
#include "core/store/project.h"

namespace actbert::data::testing {

void writeFile(const std::filesystem::path& path, const std::string& content);
std::string readFile(const std::filesystem::path& path);

// Empty when both documents hold the same videos, tracks and segments (times within
// `tolerance_s`, labels, ids, frames when both give them); otherwise the first difference.
std::string compareDocuments(const AnnotationDocument& expected, const AnnotationDocument& actual,
                             double tolerance_s = 1e-9);

// Empty when, on top of compareDocuments, every segment has the same speaker, word times
// (exactly) and parent (the parent track's segment it names, by label and time: exports may
// renumber annotation ids), and every track the same parent track and constraint.
std::string compareNarration(const AnnotationDocument& expected, const AnnotationDocument& actual);

// Every item of the project, as a document (all kinds, all tracks); empty for a project
// without tracks. Throws what collecting throws.
AnnotationDocument snapshot(store::Project& project);

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CliResult runCli(const QStringList& arguments);

// Hand-written files in the published layouts.
const char* coinFixture();
const char* eafFixture();

}  // namespace actbert::data::testing
