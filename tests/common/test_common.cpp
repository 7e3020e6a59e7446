// Tests of the shared core pieces: atomic file writes, cancellation, device parsing.

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/common/atomic_file.h"
#include "core/common/error.h"
#include "core/common/progress.h"
#include "models/common/device.h"

#include <torch/cuda.h>

namespace {

std::string readAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

}  // namespace

class TestCommon : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void atomicWriteReplacesContent() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath(QStringLiteral("out.txt")).toStdString();
        actbert::writeFileAtomically(path, "first");
        actbert::writeFileAtomically(path, "second version");
        QCOMPARE(readAll(path), std::string("second version"));
        // Nothing but the target is left in the folder.
        int entries = 0;
        for ([[maybe_unused]] const auto& entry :
             std::filesystem::directory_iterator(dir.path().toStdString())) {
            ++entries;
        }
        QCOMPARE(entries, 1);
    }

    void failedWriteKeepsOldContentAndLeavesNoTemporary() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath(QStringLiteral("out.txt")).toStdString();
        actbert::writeFileAtomically(path, "precious");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, actbert::writeFileAtomically(
                                                         path, [](const actbert::ByteSink& sink) {
                                                             sink("half", 4);
                                                             throw std::runtime_error("disk full");
                                                         }));
        QCOMPARE(readAll(path), std::string("precious"));
        int entries = 0;
        for ([[maybe_unused]] const auto& entry :
             std::filesystem::directory_iterator(dir.path().toStdString())) {
            ++entries;
        }
        QCOMPARE(entries, 1);
    }

    void writeIntoMissingFolderNamesTheFile() {
        try {
            actbert::writeFileAtomically("/nonexistent-folder/x.bin", "data");
            QFAIL("expected an error");
        } catch (const actbert::Error& error) {
            QVERIFY(std::string(error.what()).find("/nonexistent-folder/x.bin") !=
                    std::string::npos);
        }
    }

    void cancelTokenIsSharedByCopies() {
        actbert::CancelToken token;
        const actbert::CancelToken copy = token;
        QVERIFY(!copy.isCancelled());
        token.cancel();
        QVERIFY(copy.isCancelled());
        QVERIFY_THROWS_EXCEPTION(actbert::Cancelled, copy.throwIfCancelled());
    }

    void deviceParsing() {
        QCOMPARE(actbert::models::parseDevice("cpu").type(), c10::DeviceType::CPU);
        QVERIFY(!actbert::models::availableDevices().empty());
        QCOMPARE(actbert::models::availableDevices().front().spec, std::string("cpu"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, actbert::models::parseDevice("tpu"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, actbert::models::parseDevice("cuda:x"));
        if (!torch::cuda::is_available()) {
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, actbert::models::parseDevice("cuda:0"));
            QCOMPARE(actbert::models::parseDevice("auto").type(), c10::DeviceType::CPU);
        }
    }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "test_common.moc"
