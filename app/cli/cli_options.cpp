#include "app/cli/cli_options.h"

#include <torch/torch.h>

#include <QRegularExpression>

#include "app/cli/cli_support.h"
#include "core/text/wordnet_lexicon.h"

namespace actbert::cli {

CliOption deviceOption(std::string default_value) {
    return textOption("device", "DEVICE",
                      "Where models run: cpu, cuda, cuda:N or auto (the first CUDA GPU if any, "
                      "else the CPU).")
        .withDefault(std::move(default_value));
}

CliOption seedOption(std::string default_value) {
    return integerOption("seed", "N",
                         "Random seed (a non-negative integer): the same seed gives the same "
                         "result.")
        .withDefault(std::move(default_value))
        .atLeast(0);
}

CliOption threadsOption() {
    return integerOption("threads", "N",
                         "CPU threads for tensor work (default: LibTorch's choice, one per core).")
        .atLeast(1);
}

CliOption outOption(std::string value_name) {
    return textOption("out", std::move(value_name),
                      "Where to write the result; a failure or Ctrl-C leaves nothing half-written "
                      "there.");
}

CliOption wordnetOption() {
    return textOption("wordnet", "DIR", "WordNet dictionary folder.")
        .withDefault(text::WordNetLexicon::kDefaultDirectory);
}

std::string deviceSpec(const CliArguments& arguments) {
    static const QRegularExpression pattern(QStringLiteral("^(cpu|auto|cuda(:[0-9]+)?)$"));
    const QString spec = arguments.value("device");
    if (!pattern.match(spec).hasMatch()) {
        throw UsageError("--device expects cpu, cuda, cuda:N or auto, got '" + toStd(spec) + "'");
    }
    return toStd(spec);
}

std::uint64_t applySeed(const CliArguments& arguments) {
    const auto seed = static_cast<std::uint64_t>(arguments.integer("seed"));
    torch::manual_seed(seed);
    return seed;
}

void applyThreads(const CliArguments& arguments) {
    if (arguments.isSet("threads")) {
        torch::set_num_threads(static_cast<int>(arguments.integer("threads")));
    }
}

}  // namespace actbert::cli
