#pragma once
// Narration voices from espeak-ng (its library in synchronous mode, samples to a buffer).
//
// espeak-ng keeps process-wide state that carries from one utterance to the next (pitch
// flutter position, glottal phase), so the same sentence sounds slightly different depending
// on what was said before in the process. To make every video's audio a pure function of its
// own sentences, each speakAll() runs espeak-ng in a freshly forked child process that starts
// from the library's initial state and sends the samples back through a pipe. The parent
// process never initialises espeak-ng itself.
// Threading: any thread; calls are independent (each has its own child process).

#include <string>
#include <vector>

namespace actbert::synth {

struct Voice {
    std::string name = "en-us";
    int rate_wpm = 165;  // words per minute, 80..450
    int pitch = 50;      // 0..100
    int range = 50;      // pitch variation 0..100
};

class SpeechSynthesizer {
public:
    static constexpr int kSampleRate = 22050;  // espeak-ng's native rate

    // Speaks each text in order with one voice. Returns mono samples in [-1, 1] per text,
    // leading and trailing silence trimmed. Throws actbert::Error when espeak-ng or its voice
    // data is unavailable.
    std::vector<std::vector<float>> speakAll(const std::vector<std::string>& texts,
                                             const Voice& voice) const;
};

}  // namespace actbert::synth
