#pragma once
// The synthetic world's vocabulary: object classes (shape, colour, texture, size), verbs (a
// motion the hand performs, words for narration) and tasks (CrossTask-like: steps with optional
// ones and a partial order). Built-in tables live in task_library_data.cpp.
// Threading: a TaskLibrary is immutable after construction; share it freely between threads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace actbert::synth {

// How the hand animates a verb (and what the step changes in the scene).
enum class Motion {
    Chop,      // tool moves up and down, the object splits in two
    Pour,      // a container tilts above the target, particles fall, the target fills
    Stir,      // tool circles inside the object
    Place,     // the object is carried onto/into the target and stays there
    Remove,    // the object is carried away (to the side, or out of the frame)
    Peel,      // strips come off, the object changes colour
    Wash,      // the object wiggles under water drops
    Spread,    // a tool sweeps side to side and leaves a coloured layer
    Open,      // a lid lifts off
    Close,     // the lid comes back
    Twist,     // a tool turns around a point
    Press,     // the hand pushes down, the object flattens a little
    Sprinkle,  // the object shakes above the target, small particles fall
    Wipe,      // a cloth sweeps in wide arcs
    Fold,      // the object halves in width
    Roll,      // the object is rolled flat and wide
    Shake,     // the object is shaken in place
    Insert,    // the object slides into the target and disappears in it
    Flip,      // the object is turned over (shows its other colour)
};

enum class Shape {
    Round,
    Oval,
    Blob,
    Box,
    RoundedBox,
    Bowl,
    Cup,
    Jar,
    Bottle,
    Flat,
    Stick,
    Ring,
    Wedge,
    Hand
};
enum class Texture { Plain, Speckled, Striped, Checkered, Grainy, Rings };

struct Colour {
    std::uint8_t b = 0, g = 0, r = 0;
};

struct ObjectClass {
    std::string name;   // "watering_can"
    std::string words;  // "watering can" (for captions and narration)
    Shape shape = Shape::Round;
    Colour primary;
    Colour secondary;  // peel, lid, handle, other side
    Texture texture = Texture::Plain;
    double width_h = 0.1;  // size as a fraction of the frame height
    double height_h = 0.1;
    std::vector<std::string> synonyms;  // other nouns narrators use
};

struct Verb {
    std::string name;  // "cut"
    Motion motion = Motion::Chop;
    std::string past;                   // "cut"
    std::string gerund;                 // "cutting"
    std::string preposition;            // default preposition before the target ("into")
    std::string default_tool;           // object class held for the motion, or empty
    std::vector<std::string> synonyms;  // other verbs narrators use ("slice", "chop")
};

struct Step {
    std::string verb;
    std::string object;
    std::string target;  // empty when the step has no second object
    std::string tool;    // empty: the verb's default tool (if any)
    bool optional = false;
    std::vector<int> after;   // indices (in this task) of steps that must come first when present
    std::string preposition;  // empty: the verb's
};

struct Task {
    std::string key;   // "make_salad"
    std::string name;  // "Make a salad"
    std::vector<Step> steps;
    std::vector<int> step_ids;  // global step id of each step (1-based; 0 is background)
};

class TaskLibrary {
public:
    // The built-in world (>= 12 tasks, >= 15 verbs, >= 25 object classes). Validated.
    static TaskLibrary builtin();

    const std::vector<Task>& tasks() const { return tasks_; }
    const std::vector<Verb>& verbs() const { return verbs_; }
    const std::vector<ObjectClass>& classes() const { return classes_; }
    int stepCount() const { return step_count_; }  // global step ids are 1..stepCount()

    std::optional<std::size_t> findTask(const std::string& key) const;
    const Verb& verb(const std::string& name) const;        // throws std::out_of_range
    std::size_t classIndex(const std::string& name) const;  // throws std::out_of_range
    // The tool class of a step (explicit or the verb's default), empty when none.
    std::string toolOf(const Step& step) const;
    // "pour milk into cup" (COIN-style step label) and "pour the milk into the cup" (caption).
    std::string stepLabel(const Step& step) const;
    std::string stepCaption(const Step& step) const;
    // Global step id -> (task index, step index).
    std::pair<std::size_t, std::size_t> locateStep(int step_id) const;

private:
    TaskLibrary(std::vector<ObjectClass> classes, std::vector<Verb> verbs, std::vector<Task> tasks);
    // Throws std::logic_error on unknown names, cycles or forward references.
    void validate() const;

    std::vector<ObjectClass> classes_;
    std::vector<Verb> verbs_;
    std::vector<Task> tasks_;
    int step_count_ = 0;
};

}  // namespace actbert::synth
