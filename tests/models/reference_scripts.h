#pragma once
// Independent Python references for the import tests, run with Debian's /usr/bin/python3
// (python3-torch, python3-numpy). Each writes its own fixtures: weights in a foreign layout,
// the inputs it used and the outputs it computed, as safetensors written with struct + json.

namespace actbert::tests {

// argv: OUT_DIR PREFIX LAYERS. Writes OUT_DIR/model.safetensors (random tiny BERT, Hugging Face
// names with PREFIX, e.g. "bert." or ""), OUT_DIR/config.json, and OUT_DIR/expected.safetensors
// with "ids", "mask" [2, 6] and "hidden" [2, 6, 32]: a plain BERT computed in float64.
extern const char* const kBertReferenceScript;

// argv: OUT_DIR PROTOCOL. Writes OUT_DIR/actbert.pdparams (pickle of name -> numpy array in
// PaddleVideo's layout for the tiny config: Linear weights [in, out], "backbone." prefixes, the
// StructuredToParameterName@@ table) and OUT_DIR/expected.safetensors with the inputs and the
// outputs of PaddleVideo's forward (additive tangle) computed in numpy float64.
extern const char* const kPaddleReferenceScript;

}  // namespace actbert::tests
