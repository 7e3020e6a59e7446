#pragma once
// A restricted reader for Python pickles holding a dict of name -> numpy array (the layout of
// PaddlePaddle's .pdparams files). It understands only the opcodes such a file needs (protocols
// 2 to 4) and only these callables: numpy's _reconstruct, numpy.ndarray, numpy.dtype,
// collections.OrderedDict and _codecs.encode (protocol 2 bytes). Any other global (os.system,
// builtins.eval, ...) or opcode is refused before anything runs: nothing in the file is ever
// executed, and every length is checked against the bytes actually present.
// Threading: a free function; safe from any thread.

#include <torch/types.h>

#include <map>
#include <string>
#include <vector>

namespace actbert::models::io {

struct PickledArrays {
    std::map<std::string, torch::Tensor> arrays;  // CPU, contiguous, numpy dtype kept
    std::vector<std::string> other_keys;  // keys whose value is not an array (e.g. name tables)
};

// Throws std::runtime_error naming the file, the byte offset and the problem.
PickledArrays readPickledArrays(const std::string& path);

}  // namespace actbert::models::io
