#include "core/data/csv_table.h"

#include "core/common/error.h"
#include "core/data/format_support.h"

namespace actbert::data {

CsvTable CsvTable::parse(std::string_view text, const std::string& file, char delimiter,
                         Quoting quoting, bool has_header) {
    CsvTable table;
    table.file_ = file;
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    std::size_t line = 1;
    row.line = 1;
    std::size_t i = 0;
    bool row_has_content = false;
    bool field_started = false;  // a quote only opens a quoted field at the field's start
    const auto end_field = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    const auto end_row = [&] {
        if (row_has_content || !row.fields.empty()) {
            end_field();
            rows.push_back(std::move(row));
        }
        row = CsvRow();
        row.line = line;
        field.clear();
        row_has_content = false;
        field_started = false;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (quoting == Quoting::Rfc4180 && c == '"' && !field_started) {
            // Quoted field: runs to the closing quote; "" is a literal quote.
            const std::size_t opened_line = line;
            ++i;
            for (;;) {
                if (i >= text.size()) {
                    throw Error(file + ", line " + std::to_string(opened_line) +
                                ": quoted field is never closed");
                }
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (text[i] == '\n') {
                    ++line;
                }
                field += text[i++];
            }
            row_has_content = true;
            field_started = true;
            if (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r') {
                throw Error(file + ", line " + std::to_string(line) +
                            ": unexpected text after a closing quote");
            }
            continue;
        }
        if (c == delimiter) {
            end_field();
            row_has_content = true;
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            ++line;
            end_row();
            continue;
        }
        field += c;
        row_has_content = true;
        field_started = true;
        ++i;
    }
    end_row();
    if (has_header) {
        if (rows.empty()) {
            throw Error(file + ": empty file (expected a header row)");
        }
        table.header_ = std::move(rows.front().fields);
        for (auto& name : table.header_) {
            name = trim(name);
        }
        rows.erase(rows.begin());
        for (const auto& parsed : rows) {
            if (parsed.fields.size() != table.header_.size()) {
                throw Error(file + ", line " + std::to_string(parsed.line) + ": " +
                            std::to_string(parsed.fields.size()) + " fields, the header has " +
                            std::to_string(table.header_.size()));
            }
        }
    }
    table.rows_ = std::move(rows);
    return table;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header_.size(); ++i) {
        if (header_[i] == name) {
            return i;
        }
    }
    return std::nullopt;
}

std::size_t CsvTable::requireColumn(std::string_view name) const {
    if (const auto index = column(name)) {
        return *index;
    }
    std::string found;
    for (const auto& column_name : header_) {
        found += (found.empty() ? "" : ",") + column_name;
    }
    throw Error(file_ + ", line 1: missing column '" + std::string(name) + "' (header is '" +
                found + "')");
}

std::string CsvTable::where(const CsvRow& row) const {
    return file_ + ", line " + std::to_string(row.line);
}

std::string csvField(std::string_view value, char delimiter) {
    if (value.find_first_of(std::string{'"', '\n', '\r', delimiter}) == std::string_view::npos &&
        (value.empty() || (value.front() != ' ' && value.back() != ' '))) {
        return std::string(value);
    }
    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

}  // namespace actbert::data
