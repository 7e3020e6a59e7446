#include "app/cli/cli_support.h"

#include <iostream>

namespace actbert::cli {

void printLine(const std::string& line) {
    std::cout << line << '\n';
}

void printError(const std::string& message) {
    std::cout.flush();
    std::cerr << "actbert: " << message << '\n';
}

std::string toStd(const QString& text) {
    return text.toStdString();
}

}  // namespace actbert::cli
