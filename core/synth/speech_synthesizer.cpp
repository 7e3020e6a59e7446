#include "core/synth/speech_synthesizer.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "core/common/error.h"

namespace actbert::synth {

namespace {

int collectSamples(short* samples, int count, espeak_EVENT* events) {
    if (samples && count > 0 && events && events->user_data) {
        auto* out = static_cast<std::vector<short>*>(events->user_data);
        out->insert(out->end(), samples, samples + count);
    }
    return 0;  // continue
}

bool writeAll(int fd, const void* data, std::size_t size) {
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t written = ::write(fd, bytes, size);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return false;
        }
        bytes += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

// Child side: speak everything and stream [int32 count][int16 samples...] per text.
// Exit codes: 0 ok, 2 espeak-ng could not start, 3 unknown voice, 4 synthesis failed, 5 pipe,
// 6 unexpected sample rate.
[[noreturn]] void runChild(int fd, const std::vector<std::string>& texts, const Voice& voice) {
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    if (espeak_ng_Initialize(&context) != ENS_OK ||
        espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr) != ENS_OK) {
        _exit(2);
    }
    if (espeak_ng_GetSampleRate() != SpeechSynthesizer::kSampleRate) {
        _exit(6);
    }
    espeak_SetSynthCallback(collectSamples);
    if (espeak_ng_SetVoiceByName(voice.name.c_str()) != ENS_OK) {
        _exit(3);
    }
    espeak_SetParameter(espeakRATE, voice.rate_wpm, 0);
    espeak_SetParameter(espeakPITCH, voice.pitch, 0);
    espeak_SetParameter(espeakRANGE, voice.range, 0);
    for (const auto& text : texts) {
        std::vector<short> samples;
        if (espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                         nullptr, &samples) != EE_OK) {
            _exit(4);
        }
        espeak_Synchronize();
        const auto count = static_cast<std::int32_t>(samples.size());
        if (!writeAll(fd, &count, sizeof(count)) ||
            !writeAll(fd, samples.data(), samples.size() * sizeof(short))) {
            _exit(5);
        }
    }
    _exit(0);
}

std::vector<float> trimmed(const std::vector<short>& samples) {
    // Trim silence so that subtitle times match the audible speech.
    constexpr short kQuiet = 300;
    std::size_t first = 0;
    while (first < samples.size() && std::abs(samples[first]) < kQuiet) {
        ++first;
    }
    std::size_t last = samples.size();
    while (last > first && std::abs(samples[last - 1]) < kQuiet) {
        --last;
    }
    std::vector<float> out;
    out.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
        out.push_back(static_cast<float>(samples[i]) / 32768.0f);
    }
    return out;
}

}  // namespace

std::vector<std::vector<float>> SpeechSynthesizer::speakAll(const std::vector<std::string>& texts,
                                                            const Voice& voice) const {
    int fds[2];
    if (::pipe(fds) != 0) {
        throw Error(std::string("espeak-ng: cannot create a pipe: ") + std::strerror(errno));
    }
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw Error(std::string("espeak-ng: cannot start the speech process: ") +
                    std::strerror(errno));
    }
    if (child == 0) {
        ::close(fds[0]);
        runChild(fds[1], texts, voice);
    }
    ::close(fds[1]);
    // Read everything (the child blocks when the pipe is full), then parse.
    std::vector<char> bytes;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(fds[0], buffer, sizeof(buffer));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        bytes.insert(bytes.end(), buffer, buffer + got);
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        throw Error(code == 2
                        ? "espeak-ng: cannot initialise; is the espeak-ng-data package installed?"
                    : code == 3 ? "espeak-ng: unknown voice '" + voice.name + "'"
                                : "espeak-ng: speech synthesis failed (status " +
                                      std::to_string(code) + ")");
    }
    std::vector<std::vector<float>> out;
    std::size_t offset = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        std::int32_t count = 0;
        if (bytes.size() - offset < sizeof(count)) {
            throw Error("espeak-ng: the speech process returned too little audio");
        }
        std::memcpy(&count, bytes.data() + offset, sizeof(count));
        offset += sizeof(count);
        const std::size_t size = static_cast<std::size_t>(count) * sizeof(short);
        if (count < 0 || bytes.size() - offset < size) {
            throw Error("espeak-ng: the speech process returned truncated audio");
        }
        std::vector<short> samples(static_cast<std::size_t>(count));
        std::memcpy(samples.data(), bytes.data() + offset, size);
        offset += size;
        out.push_back(trimmed(samples));
    }
    return out;
}

}  // namespace actbert::synth
