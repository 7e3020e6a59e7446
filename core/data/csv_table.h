#pragma once
// RFC 4180 CSV (and plain tab-separated) tables read from untrusted text, with the line each
// row starts on for messages; plus quoting for writers.
// Threading: plain values and free functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actbert::data {

struct CsvRow {
    std::vector<std::string> fields;
    std::size_t line = 0;  // 1-based line the row starts on
};

class CsvTable {
public:
    enum class Quoting { Rfc4180, None };

    // Parses `text`; the first row is the header when `has_header`. Throws actbert::Error
    // naming `file` and the line for unterminated quotes or rows with the wrong field count.
    static CsvTable parse(std::string_view text, const std::string& file, char delimiter = ',',
                          Quoting quoting = Quoting::Rfc4180, bool has_header = true);

    const std::vector<std::string>& header() const { return header_; }
    const std::vector<CsvRow>& rows() const { return rows_; }
    // Column index by header name, or nothing.
    std::optional<std::size_t> column(std::string_view name) const;
    // Throws naming the file and the missing column.
    std::size_t requireColumn(std::string_view name) const;

    // "file, line 12"
    std::string where(const CsvRow& row) const;

private:
    std::string file_;
    std::vector<std::string> header_;
    std::vector<CsvRow> rows_;
};

// One field, quoted when it contains the delimiter, a quote or a line break.
std::string csvField(std::string_view value, char delimiter = ',');

}  // namespace actbert::data
