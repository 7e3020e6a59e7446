#include "app/cli/cli_arguments.h"

#include <cmath>
#include <stdexcept>

#include "app/cli/cli_support.h"

namespace actbert::cli {
namespace {

bool looksLikeNumber(const QString& word) {
    bool ok = false;
    word.toDouble(&ok);
    return ok;
}

std::string describeKind(ValueKind kind) {
    switch (kind) {
        case ValueKind::Integer:
            return "an integer";
        case ValueKind::Number:
            return "a number";
        case ValueKind::Text:
        case ValueKind::Flag:
            break;
    }
    return "a value";
}

std::string formatMinimum(double minimum) {
    if (minimum == std::floor(minimum)) {
        return std::to_string(static_cast<long long>(minimum));
    }
    return std::to_string(minimum);
}

}  // namespace

CliOption CliOption::require() const {
    CliOption copy = *this;
    copy.required = true;
    return copy;
}

CliOption CliOption::withDefault(std::string value) const {
    CliOption copy = *this;
    copy.default_value = std::move(value);
    return copy;
}

CliOption CliOption::atLeast(double smallest) const {
    CliOption copy = *this;
    copy.minimum = smallest;
    return copy;
}

CliOption flagOption(std::string name, std::string help) {
    return CliOption{std::move(name), ValueKind::Flag, {}, std::move(help)};
}

CliOption textOption(std::string name, std::string value_name, std::string help) {
    return CliOption{std::move(name), ValueKind::Text, std::move(value_name), std::move(help)};
}

CliOption integerOption(std::string name, std::string value_name, std::string help) {
    return CliOption{std::move(name), ValueKind::Integer, std::move(value_name), std::move(help)};
}

CliOption numberOption(std::string name, std::string value_name, std::string help) {
    return CliOption{std::move(name), ValueKind::Number, std::move(value_name), std::move(help)};
}

void checkValue(const CliOption& option, const QString& text) {
    if (option.kind != ValueKind::Integer && option.kind != ValueKind::Number) {
        return;
    }
    bool ok = false;
    double value = 0.0;
    if (option.kind == ValueKind::Integer) {
        value = static_cast<double>(text.toLongLong(&ok));
    } else {
        value = text.toDouble(&ok);
        ok = ok && std::isfinite(value);
    }
    if (!ok) {
        throw UsageError("--" + option.name + " expects " + describeKind(option.kind) + ", got '" +
                         text.toStdString() + "'");
    }
    if (value < option.minimum) {
        throw UsageError("--" + option.name + " must be at least " + formatMinimum(option.minimum) +
                         ", got " + text.toStdString());
    }
}

CliArguments::CliArguments(const CliCommand& command, const QStringList& words)
    : command_(&command) {
    const auto find = [&](const QString& name) -> const CliOption* {
        for (const auto& option : command.options) {
            if (name == QString::fromStdString(option.name)) {
                return &option;
            }
        }
        return nullptr;
    };
    bool only_positional = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString& word = words[i];
        if (only_positional || !word.startsWith(QLatin1Char('-')) || word == QStringLiteral("-") ||
            looksLikeNumber(word)) {
            positional_.append(word);
            continue;
        }
        if (word == QStringLiteral("--")) {
            only_positional = true;
            continue;
        }
        if (word == QStringLiteral("-h") || word == QStringLiteral("--help")) {
            help_ = true;
            continue;
        }
        // --name=value, --name value; a single dash is accepted for long names too (-json).
        QString name = word.mid(word.startsWith(QStringLiteral("--")) ? 2 : 1);
        std::optional<QString> inline_value;
        if (const auto equals = name.indexOf(QLatin1Char('=')); equals >= 0) {
            inline_value = name.mid(equals + 1);
            name.truncate(equals);
        }
        const CliOption* option = find(name);
        if (option == nullptr) {
            throw UsageError("unknown option '" + word.toStdString() + "'");
        }
        if (option->kind == ValueKind::Flag) {
            if (inline_value) {
                throw UsageError("--" + option->name + " takes no value");
            }
            given_[option->name].append(QString());
            continue;
        }
        QString value;
        if (inline_value) {
            value = *inline_value;
        } else if (i + 1 < words.size() && !words[i + 1].startsWith(QStringLiteral("--"))) {
            value = words[++i];
        } else {
            throw UsageError("missing value after --" + option->name + " (" + option->value_name +
                             ")");
        }
        checkValue(*option, value);
        given_[option->name].append(value);
    }
    if (help_) {
        return;
    }
    const auto& expected = command.positional;
    const auto count = positional_.size();
    if (count < expected.min_count || count > expected.max_count) {
        if (expected.max_count == 0) {
            throw UsageError("unexpected argument '" + positional_.front().toStdString() + "'");
        }
        std::string wanted =
            expected.min_count == expected.max_count ? std::to_string(expected.min_count)
            : expected.max_count == CliPositional::kUnlimited
                ? "at least " + std::to_string(expected.min_count)
                : std::to_string(expected.min_count) + " to " + std::to_string(expected.max_count);
        throw UsageError("expected " + wanted + " argument(s): " + expected.names + ", got " +
                         std::to_string(count));
    }
    for (const auto& option : command.options) {
        if (option.required && !isSet(option.name)) {
            throw UsageError("--" + option.name +
                             (option.value_name.empty() ? "" : " " + option.value_name) +
                             " is required");
        }
    }
}

const CliOption& CliArguments::spec(const std::string& name) const {
    for (const auto& option : command_->options) {
        if (option.name == name) {
            return option;
        }
    }
    // A programming error: the command reads an option its table row does not declare.
    throw std::logic_error("actbert " + command_->name + " has no option --" + name);
}

bool CliArguments::isSet(const std::string& name) const {
    spec(name);
    return given_.count(name) != 0;
}

QString CliArguments::value(const std::string& name) const {
    const auto& option = spec(name);
    const auto found = given_.find(name);
    if (found != given_.end()) {
        return found->second.back();
    }
    return QString::fromStdString(option.default_value);
}

QStringList CliArguments::values(const std::string& name) const {
    spec(name);
    const auto found = given_.find(name);
    return found == given_.end() ? QStringList() : found->second;
}

std::int64_t CliArguments::integer(const std::string& name) const {
    const QString text = value(name);
    return text.isEmpty() ? 0 : text.toLongLong();
}

double CliArguments::number(const std::string& name) const {
    const QString text = value(name);
    return text.isEmpty() ? 0.0 : text.toDouble();
}

}  // namespace actbert::cli
