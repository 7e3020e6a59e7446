#pragma once
// Importing PaddleVideo's ActBERT checkpoint (ActBERT.pdparams: a pickle of name -> numpy
// array, names prefixed "backbone.bert." / "backbone.cls.", Linear weights stored [in, out])
// into our network with the additive tangle and PaddleVideo's embeddings, read by the
// restricted pickle reader (nothing in the file is executed).
// Sizes (vocab, widths, FFN sizes, layer counts, class counts) are read from the arrays;
// what the arrays cannot tell (head counts, tangle placement) comes from `base`.
// Threading: free functions; safe from any thread.

#include <string>

#include "models/actbert/actbert_config.h"
#include "models/actbert/actbert_pretraining.h"
#include "models/io/bert_import.h"
#include "models/io/pickle_reader.h"

namespace actbert::models::io {

struct PaddleImport {
    ActBertConfig config;
    ActBertPretraining model{nullptr};
    ImportReport report;  // missed lists only head parameters: a missing network part is an error
};

// Our parameter name for a PaddleVideo name, or "" when it has no place in our network.
std::string ourNameForPaddle(const std::string& paddle_name);

PaddleImport importPaddle(const std::string& path,
                          const ActBertConfig& base = ActBertConfig::paddleVideo());

}  // namespace actbert::models::io
