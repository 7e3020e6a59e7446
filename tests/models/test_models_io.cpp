// Tests of models/io: our safetensors reader/writer against files written independently by
// Python, and its refusal of truncated, corrupt and hostile files.

#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "models/io/pickle_reader.h"
#include "models/io/safetensors.h"
#include "tests/models/python_runner.h"

#include <torch/torch.h>

namespace io = actbert::models::io;

namespace {

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A file of header `json` (padded to 8 bytes) followed by `data`.
std::string rawSafetensors(const std::string& json, const std::string& data) {
    std::string header = json;
    std::string bytes(8, '\0');
    const auto length = static_cast<std::uint64_t>(header.size());
    for (int i = 0; i < 8; ++i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<char>((length >> (8 * i)) & 0xff);
    }
    return bytes + header + data;
}

// Expects loading `path` to fail with a message naming the file and containing `fragment`.
void expectRejected(const std::string& path, const std::string& fragment) {
    try {
        io::loadSafetensors(path);
    } catch (const std::runtime_error& error) {
        const std::string message = error.what();
        QVERIFY2(message.find(path) != std::string::npos, message.c_str());
        QVERIFY2(message.find(fragment) != std::string::npos, message.c_str());
        return;
    }
    QFAIL(("accepted a bad file; expected an error about: " + fragment).c_str());
}

}  // namespace

class TestModelsIo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void roundTripKeepsEveryDtypeShapeAndMetadata() {
        const std::string path = file("all.safetensors");
        torch::manual_seed(1);
        std::map<std::string, torch::Tensor> tensors{
            {"f32", torch::randn({3, 4})},
            {"f16", torch::randn({5}).to(torch::kFloat16)},
            {"bf16", torch::randn({2, 2, 2}).to(torch::kBFloat16)},
            {"f64", torch::randn({1, 3}, torch::kFloat64)},
            {"i64", torch::arange(-3, 4, torch::kInt64)},
            {"i32", torch::tensor({7, -8}, torch::kInt32)},
            {"i16", torch::tensor({300, -300}, torch::kInt16)},
            {"i8", torch::tensor({-128, 127}, torch::kInt8)},
            {"u8", torch::tensor({0, 255}, torch::kUInt8)},
            {"bool", torch::tensor({true, false, true})},
            {"scalar", torch::tensor(2.5f)},
            {"empty", torch::zeros({0, 7})},
            // Non-contiguous input is written in logical order.
            {"transposed", torch::arange(6, torch::kFloat32).view({2, 3}).t()},
        };
        io::saveSafetensors(path, tensors, {{"config", "{\"a\": 1}"}, {"format", "pt"}});
        const auto loaded = io::loadSafetensors(path);
        QCOMPARE(loaded.tensors.size(), tensors.size());
        for (const auto& [name, tensor] : tensors) {
            const auto& other = loaded.tensors.at(name);
            QVERIFY2(other.scalar_type() == tensor.scalar_type(), name.c_str());
            QVERIFY2(other.sizes() == tensor.sizes(), name.c_str());
            QVERIFY2(other.is_contiguous(), name.c_str());
            QVERIFY2(torch::equal(other, tensor), name.c_str());
        }
        QCOMPARE(loaded.metadata.at("config"), std::string("{\"a\": 1}"));
        QCOMPARE(loaded.metadata.at("format"), std::string("pt"));
        // The data starts 8-byte aligned, as other readers expect.
        const std::string bytes = readBytes(path);
        std::uint64_t header_bytes = 0;
        for (int i = 7; i >= 0; --i) {
            header_bytes = (header_bytes << 8) | static_cast<unsigned char>(bytes[i]);
        }
        QCOMPARE(header_bytes % 8, std::uint64_t{0});
        const auto index = io::inspectSafetensors(path);
        QCOMPARE(index.entries.at("bf16").dtype, std::string("BF16"));
        QCOMPARE(index.entries.at("bf16").shape, (std::vector<std::int64_t>{2, 2, 2}));
    }

    void readsFilesWrittenByPythonAndPythonReadsOurs() {
        const std::string from_python = file("python.safetensors");
        const std::string ours = file("ours.safetensors");
        io::saveSafetensors(ours,
                            {{"w", torch::arange(12, torch::kFloat32).view({3, 4}) / 4},
                             {"ids", torch::tensor({101, 102}, torch::kInt64)}},
                            {{"note", "from c++"}});
        // An independent writer and reader (struct + json, no safetensors package).
        const std::string script = R"PY(
import json, struct, sys
import numpy as np
src, dst = sys.argv[1], sys.argv[2]
raw = open(src, 'rb').read()
n = struct.unpack('<Q', raw[:8])[0]
header = json.loads(raw[8:8 + n])
data = raw[8 + n:]
assert header['__metadata__'] == {'note': 'from c++'}, header
b, e = header['w']['data_offsets']
w = np.frombuffer(data[b:e], dtype='<f4').reshape(header['w']['shape'])
assert np.array_equal(w, np.arange(12, dtype=np.float32).reshape(3, 4) / 4)
b, e = header['ids']['data_offsets']
assert list(np.frombuffer(data[b:e], dtype='<i8')) == [101, 102]
x = (np.arange(6, dtype=np.float64) * 1.5).reshape(2, 3)
m = np.array([[1, 0], [0, 1]], dtype=np.uint8)
blob = x.tobytes() + m.tobytes()
head = json.dumps({'x': {'dtype': 'F64', 'shape': [2, 3], 'data_offsets': [0, 48]},
                   'm': {'dtype': 'U8', 'shape': [2, 2], 'data_offsets': [48, 52]},
                   '__metadata__': {'k': 'v'}}).encode()
open(dst, 'wb').write(struct.pack('<Q', len(head)) + head + blob)
)PY";
        const auto result = actbert::tests::runPython(script, {ours, from_python});
        QVERIFY2(result.exit_code == 0, result.output.c_str());
        const auto loaded = io::loadSafetensors(from_python);
        QVERIFY(torch::equal(loaded.tensors.at("x"),
                             (torch::arange(6, torch::kFloat64) * 1.5).view({2, 3})));
        QVERIFY(torch::equal(loaded.tensors.at("m"), torch::eye(2, torch::kUInt8)));
        QCOMPARE(loaded.metadata.at("k"), std::string("v"));
    }

    void rejectsTruncatedAndOversizedHeaders() {
        const std::string good = file("good.safetensors");
        io::saveSafetensors(good, {{"a", torch::ones({4, 4})}});
        const std::string bytes = readBytes(good);

        const std::string short_file = file("short.safetensors");
        writeBytes(short_file, bytes.substr(0, 5));
        expectRejected(short_file, "too short");

        const std::string truncated = file("truncated.safetensors");
        writeBytes(truncated, bytes.substr(0, bytes.size() - 3));
        expectRejected(truncated, "beyond the");

        const std::string header_cut = file("header_cut.safetensors");
        writeBytes(header_cut, bytes.substr(0, 20));
        expectRejected(header_cut, "header length");

        // A hostile length asking for 2^63 bytes must not allocate anything.
        std::string huge = bytes;
        huge[7] = static_cast<char>(0x80);
        const std::string huge_file = file("huge.safetensors");
        writeBytes(huge_file, huge);
        expectRejected(huge_file, "exceeds the limit");
    }

    void rejectsInconsistentHeaders() {
        const std::string data16(16, '\0');
        const struct {
            const char* name;
            std::string json;
            std::string data;
            const char* fragment;
        } cases[] = {
            {"not_json", "{\"a\": [", data16, "not valid JSON"},
            {"not_object", "[1, 2]", data16, "does not start with '{'"},
            {"duplicate",
             R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
             R"("a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
             data16, "repeats the key 'a'"},
            {"bad_dtype", R"({"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", data16,
             "unsupported dtype"},
            {"shape_mismatch", R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}})", data16,
             "need 12 bytes"},
            {"negative", R"({"a":{"dtype":"U8","shape":[-4],"data_offsets":[0,16]}})", data16,
             "non-negative"},
            {"overflow",
             R"({"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,16]}})",
             data16, "overflows"},
            {"out_of_bounds", R"({"a":{"dtype":"U8","shape":[32],"data_offsets":[0,32]}})", data16,
             "beyond the 16 data bytes"},
            {"reversed", R"({"a":{"dtype":"U8","shape":[0],"data_offsets":[8,0]}})", data16,
             "is after end"},
            {"overlap",
             R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},)"
             R"("b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
             data16, "overlaps"},
            {"hole",
             R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
             R"("b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}})",
             data16, "unused bytes"},
            {"trailing", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", data16,
             "trailing bytes"},
            {"bool_value", R"({"a":{"dtype":"BOOL","shape":[16],"data_offsets":[0,16]}})",
             std::string(15, '\0').append(1, '\x02'), "BOOL bytes"},
            {"metadata_type",
             R"({"__metadata__":{"k":3},)"
             R"("a":{"dtype":"U8","shape":[16],"data_offsets":[0,16]}})",
             data16, "not a string"},
            {"extra_field", R"({"a":{"dtype":"U8","shape":[16],"data_offsets":[0,16],"x":1}})",
             data16, "unexpected header field"},
            {"deep", R"({"a":{"dtype":"U8","shape":[[[[[1]]]]],"data_offsets":[0,16]}})", data16,
             "nested deeper"},
        };
        for (const auto& bad : cases) {
            const std::string path = file(std::string(bad.name) + ".safetensors");
            writeBytes(path, rawSafetensors(bad.json, bad.data));
            expectRejected(path, bad.fragment);
        }
    }

    void failedSaveKeepsThePreviousFile() {
        const std::string path = file("keep.safetensors");
        io::saveSafetensors(path, {{"a", torch::ones({2})}});
        const std::string before = readBytes(path);
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            io::saveSafetensors(
                path, {{"a", torch::zeros({3})}, {"z", torch::zeros({2}, torch::kComplexFloat)}}));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 io::saveSafetensors(path, {{"__metadata__", torch::zeros({1})}}));
        QCOMPARE(readBytes(path), before);
        int entries = 0;
        for ([[maybe_unused]] const auto& entry :
             std::filesystem::directory_iterator(dir_.path().toStdString())) {
            ++entries;
        }
        QVERIFY(entries >= 1);
        for (const auto& entry : std::filesystem::directory_iterator(dir_.path().toStdString())) {
            QVERIFY2(entry.path().string().find(".tmp-") == std::string::npos,
                     entry.path().c_str());
        }
    }

    void pickleReaderLoadsNumpyDictsOfProtocols2To4() {
        const std::string script = R"PY(
import pickle, sys
from collections import OrderedDict
import numpy as np
out = sys.argv[1]
state = OrderedDict()
state['w'] = (np.arange(6, dtype=np.float32) / 4).reshape(2, 3)
state['ids'] = np.array([101, -7], dtype=np.int64)
state['f'] = np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3))
state['flags'] = np.array([True, False])
state['half'] = np.array([1.5], dtype=np.float16)
state['names@@'] = {'w': 'linear_0.w_0'}
for protocol in (2, 3, 4):
    with open('%s/p%d.pdparams' % (out, protocol), 'wb') as f:
        pickle.dump(state if protocol != 3 else dict(state), f, protocol=protocol)
)PY";
        const auto result = actbert::tests::runPython(script, {dir_.path().toStdString()});
        QVERIFY2(result.exit_code == 0, result.output.c_str());
        for (const int protocol : {2, 3, 4}) {
            const auto arrays =
                io::readPickledArrays(file("p" + std::to_string(protocol) + ".pdparams"));
            QCOMPARE(arrays.arrays.size(), std::size_t{5});
            QVERIFY(torch::equal(arrays.arrays.at("w"),
                                 torch::arange(6, torch::kFloat32).view({2, 3}) / 4));
            QVERIFY(torch::equal(arrays.arrays.at("ids"), torch::tensor({101, -7}, torch::kLong)));
            QVERIFY(torch::equal(arrays.arrays.at("f"),
                                 torch::arange(6, torch::kFloat64).view({2, 3})));
            QVERIFY(torch::equal(arrays.arrays.at("flags"), torch::tensor({true, false})));
            QCOMPARE(arrays.arrays.at("half").scalar_type(), torch::kFloat16);
            QCOMPARE(arrays.other_keys, std::vector<std::string>{"names@@"});
        }
    }

    void pickleReaderRefusesHostileFiles() {
        const std::string script = R"PY(
import os, pickle, struct, sys
import numpy as np
import numpy.core.multiarray as multiarray
out = sys.argv[1]
class Shell:
    def __reduce__(self):
        return (os.system, ('touch %s/pwned' % out,))
class Evil4:
    def __reduce__(self):
        return (eval, ('1 + 1',))
class Lying:
    def __reduce__(self):
        return (multiarray._reconstruct, (np.ndarray, (0,), b'b'),
                (1, (1000000,), np.dtype('f4'), False, b'abcd'))
def write(name, data):
    open(out + '/' + name, 'wb').write(data)
write('system.pkl', pickle.dumps({'w': Shell()}, protocol=2))
write('eval.pkl', pickle.dumps({'w': Evil4()}, protocol=4))
write('lying.pkl', pickle.dumps({'w': Lying()}, protocol=4))
write('object.pkl', pickle.dumps({'w': np.array([1, 'a'], dtype=object)}, protocol=4))
good = pickle.dumps({'w': np.ones((64, 64), np.float32)}, protocol=4)
write('truncated.pkl', good[:len(good) // 2])
write('trailing.pkl', good + b'garbage')
write('huge.pkl', b'\x80\x04\x8e' + struct.pack('<Q', 2 ** 62) + b'abc')
write('deep.pkl', b'\x80\x02]' + b'\x85' * 300000 + b'.')
write('opcode.pkl', b'\x80\x02N\x81.')
)PY";
        const auto result = actbert::tests::runPython(script, {dir_.path().toStdString()});
        QVERIFY2(result.exit_code == 0, result.output.c_str());
        const struct {
            const char* name;
            const char* fragment;
        } cases[] = {
            {"system.pkl", "refusing the global posix.system"},
            {"eval.pkl", "refusing the global builtins.eval"},
            {"lying.pkl", "needs 4000000 bytes but has 4"},
            {"object.pkl", "object arrays are refused"},
            {"truncated.pkl", "truncated"},
            {"trailing.pkl", "after the end of the pickle"},
            {"huge.pkl", "truncated"},
            {"deep.pkl", "does not hold a dict"},
            {"opcode.pkl", "unsupported pickle opcode 0x81"},
        };
        for (const auto& bad : cases) {
            const auto path = file(bad.name);
            try {
                io::readPickledArrays(path);
                QFAIL((std::string("accepted ") + bad.name).c_str());
            } catch (const std::runtime_error& error) {
                const std::string message = error.what();
                QVERIFY2(message.find(path) != std::string::npos, message.c_str());
                QVERIFY2(message.find(bad.fragment) != std::string::npos, message.c_str());
            }
        }
        QVERIFY(!std::filesystem::exists(file("pwned")));
    }

private:
    std::string file(const std::string& name) const {
        return dir_.filePath(QString::fromStdString(name)).toStdString();
    }

    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestModelsIo)
#include "test_models_io.moc"
