#include "models/io/pickle_reader.h"

#include <torch/torch.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace actbert::models::io {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the pickle reader copies little-endian numpy data as it is");

enum class Kind {
    none,
    boolean,
    integer,
    floating,
    text,
    bytes,
    tuple,
    list,
    dict,
    global,
    dtype,
    array
};

struct Value;
using Ref = std::shared_ptr<Value>;

struct Value {
    Kind kind = Kind::none;
    std::int64_t integer = 0;  // also booleans
    double floating = 0;
    std::string text;        // text, global name "module.name", dtype descr ("f4")
    std::string owned;       // bytes built by _codecs.encode
    std::string_view bytes;  // bytes: into the file buffer or `owned`
    char byte_order = '|';   // dtype
    std::vector<Ref> items;  // tuple, list
    std::vector<std::pair<Ref, Ref>> entries;  // dict
    torch::Tensor array;                       // array once built
};

Ref make(Kind kind) {
    auto value = std::make_shared<Value>();
    value->kind = kind;
    return value;
}

struct NumpyType {
    const char* descr;
    torch::ScalarType type;
    std::size_t size_bytes;
};

constexpr NumpyType kNumpyTypes[] = {
    {"f4", torch::kFloat32, 4}, {"f8", torch::kFloat64, 8}, {"f2", torch::kFloat16, 2},
    {"i8", torch::kInt64, 8},   {"i4", torch::kInt32, 4},   {"i2", torch::kInt16, 2},
    {"i1", torch::kInt8, 1},    {"u1", torch::kUInt8, 1},   {"b1", torch::kBool, 1},
};

bool isAllowedGlobal(const std::string& name) {
    return name == "numpy.core.multiarray._reconstruct" ||
           name == "numpy._core.multiarray._reconstruct" || name == "numpy.ndarray" ||
           name == "numpy.dtype" || name == "collections.OrderedDict" || name == "_codecs.encode";
}

// Drops a graph of values without recursion: a hostile pickle can nest containers millions deep
// (one byte per level), which recursive shared_ptr destruction would turn into a stack overflow.
// Clearing every container as it is visited also breaks reference cycles built through the memo.
void releaseIteratively(std::vector<Ref> work) {
    while (!work.empty()) {
        Ref value = std::move(work.back());
        work.pop_back();
        if (!value) {
            continue;
        }
        for (auto& item : value->items) {
            work.push_back(std::move(item));
        }
        value->items.clear();
        for (auto& [key, item] : value->entries) {
            work.push_back(std::move(key));
            work.push_back(std::move(item));
        }
        value->entries.clear();
    }
}

class Unpickler {
public:
    Unpickler(std::string path, std::string data)
        : path_(std::move(path)), data_(std::move(data)) {}
    ~Unpickler() {
        std::vector<Ref> roots = std::move(stack_);
        for (auto& [index, value] : memo_) {
            roots.push_back(std::move(value));
        }
        memo_.clear();
        releaseIteratively(std::move(roots));
    }
    Unpickler(const Unpickler&) = delete;
    Unpickler& operator=(const Unpickler&) = delete;

    Ref run() {
        while (true) {
            const std::size_t at = position_;
            const auto opcode = static_cast<unsigned char>(take(1)[0]);
            opcode_at_ = at;
            if (opcode == '.') {  // STOP
                if (position_ != data_.size()) {
                    fail("unexpected bytes after the end of the pickle");
                }
                if (stack_.size() != 1 || !marks_.empty()) {
                    fail("the pickle does not end with exactly one value");
                }
                return stack_.back();
            }
            step(opcode);
        }
    }

private:
    [[noreturn]] void fail(const std::string& problem) const {
        throw std::runtime_error(path_ + ": byte " + std::to_string(opcode_at_) + ": " + problem);
    }

    std::string_view take(std::uint64_t count) {
        if (count > data_.size() - position_) {
            fail("truncated: needs " + std::to_string(count) + " more bytes but only " +
                 std::to_string(data_.size() - position_) + " remain");
        }
        std::string_view view(data_.data() + position_, static_cast<std::size_t>(count));
        position_ += static_cast<std::size_t>(count);
        return view;
    }

    std::uint64_t unsignedLe(std::size_t count) {
        const auto bytes = take(count);
        std::uint64_t value = 0;
        for (std::size_t i = count; i-- > 0;) {
            value = (value << 8) | static_cast<unsigned char>(bytes[i]);
        }
        return value;
    }

    std::string line() {
        const auto end = data_.find('\n', position_);
        if (end == std::string::npos || end - position_ > 256) {
            fail("GLOBAL name is not a short newline-terminated line");
        }
        std::string text = data_.substr(position_, end - position_);
        position_ = end + 1;
        return text;
    }

    Ref pop() {
        if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) {
            fail("stack underflow");
        }
        auto value = stack_.back();
        stack_.pop_back();
        return value;
    }

    Ref& top() {
        if (stack_.empty()) {
            fail("stack underflow");
        }
        return stack_.back();
    }

    std::vector<Ref> popToMark() {
        if (marks_.empty()) {
            fail("no MARK to pop to");
        }
        const std::size_t mark = marks_.back();
        marks_.pop_back();
        std::vector<Ref> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
        stack_.resize(mark);
        return items;
    }

    void push(Ref value) { stack_.push_back(std::move(value)); }

    void pushText(std::string_view text) {
        auto value = make(Kind::text);
        value->text = std::string(text);
        push(value);
    }

    void pushBytes(std::string_view bytes) {
        auto value = make(Kind::bytes);
        value->bytes = bytes;
        push(value);
    }

    void pushInteger(std::int64_t integer) {
        auto value = make(Kind::integer);
        value->integer = integer;
        push(value);
    }

    void pushGlobal(const std::string& module, const std::string& name) {
        const std::string full = module + "." + name;
        if (!isAllowedGlobal(full)) {
            fail("refusing the global " + full +
                 ": only numpy arrays in a dict may be loaded, nothing is ever executed");
        }
        auto value = make(Kind::global);
        value->text = full;
        push(value);
    }

    void memoize(std::uint64_t index) {
        if (memo_.size() >= kMaxMemo && memo_.count(index) == 0) {
            fail("too many memo entries");
        }
        memo_[index] = top();
    }

    void recall(std::uint64_t index) {
        const auto found = memo_.find(index);
        if (found == memo_.end()) {
            fail("memo entry " + std::to_string(index) + " was never stored");
        }
        push(found->second);
    }

    Ref& expect(Ref& value, Kind kind, const char* what) {
        if (value->kind != kind) {
            fail(std::string("expected ") + what);
        }
        return value;
    }

    void setItems(Ref& dict, const std::vector<Ref>& items) {
        expect(dict, Kind::dict, "a dict to set items in");
        if (items.size() % 2 != 0) {
            fail("SETITEMS with an odd number of values");
        }
        for (std::size_t i = 0; i < items.size(); i += 2) {
            dict->entries.emplace_back(items[i], items[i + 1]);
        }
    }

    void step(unsigned char opcode) {
        switch (opcode) {
            case 0x80:  // PROTO
                if (const auto version = unsignedLe(1); version < 2 || version > 5) {
                    fail("pickle protocol " + std::to_string(version) + " is not supported");
                }
                return;
            case 0x95:  // FRAME: framing is only a read-ahead hint
                unsignedLe(8);
                return;
            case '(':  // MARK
                marks_.push_back(stack_.size());
                return;
            case '}':  // EMPTY_DICT
                return push(make(Kind::dict));
            case ']':  // EMPTY_LIST
                return push(make(Kind::list));
            case ')':  // EMPTY_TUPLE
                return push(make(Kind::tuple));
            case 't': {  // TUPLE
                auto tuple = make(Kind::tuple);
                tuple->items = popToMark();
                return push(tuple);
            }
            case 0x85:
            case 0x86:
            case 0x87: {  // TUPLE1..3
                auto tuple = make(Kind::tuple);
                tuple->items.resize(opcode - 0x84);
                for (auto i = tuple->items.size(); i-- > 0;) {
                    tuple->items[i] = pop();
                }
                return push(tuple);
            }
            case 'a': {  // APPEND
                auto value = pop();
                expect(top(), Kind::list, "a list to append to")->items.push_back(value);
                return;
            }
            case 'e': {  // APPENDS
                auto items = popToMark();
                auto& list = expect(top(), Kind::list, "a list to append to");
                list->items.insert(list->items.end(), items.begin(), items.end());
                return;
            }
            case 's': {  // SETITEM
                auto value = pop();
                auto key = pop();
                return setItems(top(), {key, value});
            }
            case 'u': {  // SETITEMS
                auto items = popToMark();
                return setItems(top(), items);
            }
            case 'N':
                return push(make(Kind::none));
            case 0x88:
            case 0x89: {  // NEWTRUE, NEWFALSE
                auto value = make(Kind::boolean);
                value->integer = opcode == 0x88 ? 1 : 0;
                return push(value);
            }
            case 'J':  // BININT
                return pushInteger(static_cast<std::int32_t>(unsignedLe(4)));
            case 'K':  // BININT1
                return pushInteger(static_cast<std::int64_t>(unsignedLe(1)));
            case 'M':  // BININT2
                return pushInteger(static_cast<std::int64_t>(unsignedLe(2)));
            case 0x8a: {  // LONG1
                const auto length = unsignedLe(1);
                if (length > 8) {
                    fail("integer wider than 64 bits");
                }
                std::uint64_t raw = length ? unsignedLe(static_cast<std::size_t>(length)) : 0;
                if (length > 0 && length < 8 && (raw >> (8 * length - 1)) & 1) {
                    raw |= ~std::uint64_t{0} << (8 * length);  // sign-extend
                }
                return pushInteger(static_cast<std::int64_t>(raw));
            }
            case 'G': {  // BINFLOAT, big-endian
                const auto bytes = take(8);
                std::uint64_t raw = 0;
                for (const char byte : bytes) {
                    raw = (raw << 8) | static_cast<unsigned char>(byte);
                }
                auto value = make(Kind::floating);
                value->floating = std::bit_cast<double>(raw);
                return push(value);
            }
            case 'X':  // BINUNICODE
                return pushText(take(unsignedLe(4)));
            case 0x8c:  // SHORT_BINUNICODE
                return pushText(take(unsignedLe(1)));
            case 0x8d:  // BINUNICODE8
                return pushText(take(unsignedLe(8)));
            case 'U':  // SHORT_BINSTRING (protocol 2 str of ASCII)
                return pushText(take(unsignedLe(1)));
            case 'T': {  // BINSTRING
                const auto length = static_cast<std::int32_t>(unsignedLe(4));
                if (length < 0) {
                    fail("negative string length");
                }
                return pushText(take(static_cast<std::uint64_t>(length)));
            }
            case 'C':  // SHORT_BINBYTES
                return pushBytes(take(unsignedLe(1)));
            case 'B':  // BINBYTES
                return pushBytes(take(unsignedLe(4)));
            case 0x8e:  // BINBYTES8
                return pushBytes(take(unsignedLe(8)));
            case 'q':  // BINPUT
                return memoize(unsignedLe(1));
            case 'r':  // LONG_BINPUT
                return memoize(unsignedLe(4));
            case 0x94:  // MEMOIZE
                return memoize(memo_.size());
            case 'h':  // BINGET
                return recall(unsignedLe(1));
            case 'j':  // LONG_BINGET
                return recall(unsignedLe(4));
            case 'c': {  // GLOBAL
                const auto module = line();
                const auto name = line();
                return pushGlobal(module, name);
            }
            case 0x93: {  // STACK_GLOBAL
                auto name = pop();
                auto module = pop();
                if (module->kind != Kind::text || name->kind != Kind::text) {
                    fail("STACK_GLOBAL needs two strings");
                }
                return pushGlobal(module->text, name->text);
            }
            case 'R': {  // REDUCE
                auto arguments = pop();
                auto callable = pop();
                return push(reduce(callable, arguments));
            }
            case 'b': {  // BUILD
                auto state = pop();
                return build(top(), state);
            }
            case '0':  // POP
                pop();
                return;
            default: {
                static const char* hex = "0123456789abcdef";
                fail(std::string("unsupported pickle opcode 0x") + hex[opcode >> 4] +
                     hex[opcode & 15] + " (only plain dicts of numpy arrays are read)");
            }
        }
    }

    Ref reduce(const Ref& callable, const Ref& arguments) {
        if (callable->kind != Kind::global) {
            fail("REDUCE on something that is not an allowed global");
        }
        if (arguments->kind != Kind::tuple) {
            fail("REDUCE arguments are not a tuple");
        }
        const auto& args = arguments->items;
        const auto& name = callable->text;
        if (name == "collections.OrderedDict") {
            if (!args.empty()) {
                fail("OrderedDict with arguments");
            }
            return make(Kind::dict);
        }
        if (name == "numpy.dtype") {
            if (args.empty() || args[0]->kind != Kind::text) {
                fail("numpy.dtype without a type string");
            }
            auto dtype = make(Kind::dtype);
            dtype->text = args[0]->text;
            return dtype;
        }
        if (name.ends_with("._reconstruct")) {
            if (args.size() != 3 || args[0]->kind != Kind::global ||
                args[0]->text != "numpy.ndarray") {
                fail("_reconstruct of something other than numpy.ndarray");
            }
            return make(Kind::array);
        }
        if (name == "_codecs.encode") {
            if (args.size() != 2 || args[0]->kind != Kind::text || args[1]->kind != Kind::text ||
                args[1]->text != "latin1") {
                fail("_codecs.encode other than (text, 'latin1')");
            }
            auto bytes = make(Kind::bytes);
            bytes->owned = latin1FromUtf8(args[0]->text);
            bytes->bytes = bytes->owned;
            return bytes;
        }
        fail("REDUCE of " + name + " is not allowed");
    }

    std::string latin1FromUtf8(const std::string& text) {
        std::string out;
        out.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            if (byte < 0x80) {
                out.push_back(static_cast<char>(byte));
            } else if ((byte == 0xc2 || byte == 0xc3) && i + 1 < text.size()) {
                const auto next = static_cast<unsigned char>(text[++i]);
                out.push_back(static_cast<char>(((byte & 0x03) << 6) | (next & 0x3f)));
            } else {
                fail("latin1 bytes hold a character beyond U+00FF");
            }
        }
        return out;
    }

    void build(Ref& target, const Ref& state) {
        if (target->kind == Kind::dtype) {
            // numpy dtype state: (version, byte order, subarray, names, fields, ...)
            if (state->kind != Kind::tuple || state->items.size() < 2 ||
                state->items[1]->kind != Kind::text || state->items[1]->text.size() != 1) {
                fail("unexpected numpy dtype state");
            }
            target->byte_order = state->items[1]->text[0];
            return;
        }
        if (target->kind != Kind::array || target->array.defined()) {
            fail("BUILD is only allowed on a numpy array or dtype");
        }
        // numpy array state: (version, shape, dtype, is_fortran, raw bytes)
        if (state->kind != Kind::tuple || state->items.size() != 5) {
            fail("unexpected numpy array state");
        }
        const auto& shape_value = state->items[1];
        const auto& dtype = state->items[2];
        const auto& fortran = state->items[3];
        const auto& raw = state->items[4];
        if (shape_value->kind != Kind::tuple || dtype->kind != Kind::dtype ||
            (fortran->kind != Kind::boolean && fortran->kind != Kind::integer)) {
            fail("unexpected numpy array state");
        }
        if (raw->kind != Kind::bytes) {
            fail("numpy array data is not raw bytes (object arrays are refused)");
        }
        const NumpyType* type = nullptr;
        for (const auto& candidate : kNumpyTypes) {
            if (dtype->text == candidate.descr) {
                type = &candidate;
            }
        }
        if (type == nullptr) {
            fail("numpy dtype '" + dtype->text + "' is not supported");
        }
        if (dtype->byte_order == '>' && type->size_bytes > 1) {
            fail("big-endian numpy arrays are not supported");
        }
        std::vector<std::int64_t> shape;
        std::uint64_t count = 1;
        for (const auto& dim : shape_value->items) {
            if (dim->kind != Kind::integer || dim->integer < 0) {
                fail("numpy array shape must hold non-negative integers");
            }
            const auto extent = static_cast<std::uint64_t>(dim->integer);
            if (extent != 0 && count > std::numeric_limits<std::uint64_t>::max() / extent) {
                fail("numpy array shape overflows");
            }
            count *= extent;
            shape.push_back(dim->integer);
        }
        if (count > std::numeric_limits<std::uint64_t>::max() / type->size_bytes ||
            count * type->size_bytes != raw->bytes.size()) {
            fail("numpy array of shape " + c10::str(c10::IntArrayRef(shape)) + " and dtype " +
                 dtype->text + " needs " + std::to_string(count * type->size_bytes) +
                 " bytes but has " + std::to_string(raw->bytes.size()));
        }
        const bool column_major = fortran->integer != 0;
        std::vector<std::int64_t> storage_shape(shape);
        if (column_major) {
            std::reverse(storage_shape.begin(), storage_shape.end());
        }
        auto tensor = torch::empty(storage_shape, torch::TensorOptions().dtype(type->type));
        std::memcpy(tensor.data_ptr(), raw->bytes.data(), raw->bytes.size());
        if (type->type == torch::kBool && tensor.view(torch::kUInt8).gt(1).any().item<bool>()) {
            fail("boolean array holds bytes other than 0 and 1");
        }
        if (column_major) {
            std::vector<std::int64_t> order(shape.size());
            for (std::size_t i = 0; i < order.size(); ++i) {
                order[i] = static_cast<std::int64_t>(order.size() - 1 - i);
            }
            tensor = tensor.permute(order).contiguous();
        }
        target->array = tensor;
    }

    static constexpr std::size_t kMaxMemo = 1u << 24;

    std::string path_;
    std::string data_;
    std::size_t position_ = 0;
    std::size_t opcode_at_ = 0;
    std::vector<Ref> stack_;
    std::vector<std::size_t> marks_;
    std::unordered_map<std::uint64_t, Ref> memo_;
};

}  // namespace

PickledArrays readPickledArrays(const std::string& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw std::runtime_error(path + ": cannot read: " + error.message());
    }
    std::ifstream in(path, std::ios::binary);
    std::string data(static_cast<std::size_t>(size), '\0');
    if (!in || !in.read(data.data(), static_cast<std::streamsize>(size))) {
        throw std::runtime_error(path + ": cannot read");
    }
    Unpickler unpickler(path, std::move(data));
    const Ref root = unpickler.run();
    if (root->kind != Kind::dict) {
        throw std::runtime_error(path + ": the pickle does not hold a dict of arrays");
    }
    PickledArrays result;
    for (const auto& [key, value] : root->entries) {
        if (key->kind != Kind::text) {
            throw std::runtime_error(path + ": a key of the dict is not a string");
        }
        if (value->kind == Kind::array) {
            if (!value->array.defined()) {
                throw std::runtime_error(path + ": array '" + key->text + "' was never filled");
            }
            if (!result.arrays.emplace(key->text, value->array).second) {
                throw std::runtime_error(path + ": the key '" + key->text + "' appears twice");
            }
        } else {
            result.other_keys.push_back(key->text);
        }
    }
    return result;
}

}  // namespace actbert::models::io
