#pragma once
// The segments a caption evaluation scores: each one's id, video, hypothesis and references,
// tokenised for scoring (caption_tokenizer.h).
// Files: predictions {"ID": "caption", ...}; ground truth {"ID": ["reference", ...], ...}
// (a single string is accepted as one reference) or YouCook2's annotation file
// ({"database": {VIDEO: {"annotations": [{"id": K, "sentence": ...}]}}}, segment ids
// VIDEO_K). A plain ground truth must have exactly the predictions' ids; YouCook2's file
// holds every split, so there each predicted id must exist in it and the others are ignored.
// The video of an id is the part before its last '_' (the whole id when there is none).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace actbert::eval {

struct CaptionSegment {
    std::string id;
    std::string video;
    std::vector<std::string> hypothesis;               // tokens
    std::vector<std::vector<std::string>> references;  // tokens per reference
};

// Raw texts keyed by segment id.
using CaptionPredictions = std::map<std::string, std::string>;
using CaptionReferences = std::map<std::string, std::vector<std::string>>;

// Throw actbert::Error naming the file and the problem.
CaptionPredictions readCaptionPredictions(const std::filesystem::path& path);
CaptionReferences readCaptionReferences(const std::filesystem::path& path,
                                        bool& is_youcook2_annotation);

// Pairs predictions with references (rules above), tokenised, sorted by id.
// `references_path` only names the file in errors.
std::vector<CaptionSegment> pairCaptions(const CaptionPredictions& predictions,
                                         const CaptionReferences& references,
                                         bool references_are_superset,
                                         const std::string& references_path);

std::string videoOfSegment(const std::string& id);

}  // namespace actbert::eval
