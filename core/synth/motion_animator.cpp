#include "core/synth/motion_animator.h"

#include <algorithm>
#include <cmath>

#include "core/synth/det_math.h"
#include "core/synth/synth_random.h"

namespace actbert::synth {

namespace {

// Phases of every step: the hand comes in, acts, and goes back to rest.
constexpr double kApproachEnd = 0.18;
constexpr double kActEnd = 0.86;

double lerp(double a, double b, double t) {
    return a + (b - a) * t;
}

double smooth(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

double hash01(std::uint64_t seed, std::uint64_t index) {
    return static_cast<double>(SynthRandom::deriveSeed(seed, index) >> 11) * 0x1.0p-53;
}

double frac(double x) {
    return x - std::floor(x);
}

struct Point {
    double x = 0.0, y = 0.0;
};

// `count` particles flowing from `from` to `to`; `u` moves the stream along.
void addStream(std::vector<Particle>& out, Point from, Point to, int count, double u, double speed,
               std::uint64_t seed, Colour colour, double radius, double spread) {
    for (int i = 0; i < count; ++i) {
        const double phase = frac(hash01(seed, static_cast<std::uint64_t>(i)) + u * speed);
        const double side = (hash01(seed, static_cast<std::uint64_t>(i) + 1000) - 0.5) * spread;
        Particle p;
        p.x = lerp(from.x, to.x, phase) + side * phase;
        p.y = lerp(from.y, to.y, phase * phase);  // accelerating fall
        p.radius = radius * (0.7 + 0.6 * hash01(seed, static_cast<std::uint64_t>(i) + 2000));
        p.colour = colour;
        out.push_back(p);
    }
}

}  // namespace

FramePose MotionAnimator::pose(int frame) const {
    FramePose pose;
    const ScriptStep* current = nullptr;
    const ScriptStep* previous = nullptr;
    for (const auto& step : script_.steps) {
        if (frame >= step.start_frame && frame < step.end_frame) {
            current = &step;
            break;
        }
        if (frame >= step.end_frame) {
            previous = &step;
        }
    }
    if (current) {
        pose.objects = current->before;
        const double t = static_cast<double>(frame - current->start_frame) /
                         static_cast<double>(current->end_frame - current->start_frame);
        animateStep(*current, t, frame, pose);
        return pose;
    }
    if (previous) {
        pose.objects = previous->after;
    } else {
        for (const auto& object : script_.objects) {
            pose.objects.push_back(object.initial);
        }
    }
    idleHand(frame, pose);
    return pose;
}

void MotionAnimator::idleHand(int frame, FramePose& pose) const {
    // Background stretches are not still: the hand drifts, more so when harder.
    const double f = static_cast<double>(frame) / script_.fps;
    const double wander = (0.03 + 0.18 * script_.difficulty);
    pose.hand_x =
        script_.hand_rest_x - script_.width * wander * (1.0 + detSin(f * 0.9 + 1.3)) * 0.5;
    pose.hand_y = script_.hand_rest_y - script_.height * wander * (1.0 + detSin(f * 0.7)) * 0.5;
    pose.hand_angle_rad = 0.15 * detSin(f * 1.1);
}

void MotionAnimator::animateStep(const ScriptStep& step, double t, int frame,
                                 FramePose& pose) const {
    const auto& objects = script_.objects;
    const auto idx = [](int i) { return static_cast<std::size_t>(i); };
    const ObjectState& before = step.before[idx(step.object)];
    const ObjectState& after = step.after[idx(step.object)];
    const SceneObject& obj = objects[idx(step.object)];
    const double H = script_.height;
    const double u = std::clamp((t - kApproachEnd) / (kActEnd - kApproachEnd), 0.0, 1.0);
    const bool acting = t >= kApproachEnd && t < kActEnd;
    ObjectState& state = pose.objects[idx(step.object)];

    // The object whose surface is worked on, and the one that pours or sprinkles onto it.
    const int surface = step.target >= 0 ? step.target : step.object;
    const ObjectState& surf = step.before[idx(surface)];
    const SceneObject& surf_obj = objects[idx(surface)];
    const int source = step.target >= 0 ? step.object : (step.tool >= 0 ? step.tool : step.object);

    Point hand;        // palm position while acting
    Point hand_start;  // where the act begins (end of the approach)
    Point hand_end;    // where it ends (start of the retract)
    int held = -1;
    double held_angle = 0.0;
    auto top = [&](const ObjectState& s, const SceneObject& o) {
        return Point{s.x, s.y - o.height_px * s.scale_y * 0.5};
    };

    switch (step.motion) {
        case Motion::Pour:
        case Motion::Sprinkle: {
            // Carry the source above the destination, tilt it, pour, bring it back.
            const SceneObject& src_obj = objects[idx(source)];
            const ObjectState& src = step.before[idx(source)];
            const Point above{surf.x + surf_obj.width_px * 0.25 + src_obj.height_px * 0.3,
                              surf.y - surf_obj.height_px * 0.6 - src_obj.height_px * 0.6};
            const double carry = smooth(u / 0.22) - smooth((u - 0.8) / 0.2);
            const bool sprinkle = step.motion == Motion::Sprinkle;
            const double tilt = smooth((u - 0.22) / 0.12) - smooth((u - 0.68) / 0.12);
            const double shake = sprinkle ? 0.04 * H * detSin(u * 2.0 * kDetPi * 9.0) * tilt : 0.0;
            hand = {lerp(src.x, above.x, carry), lerp(src.y, above.y, carry) + shake};
            hand_start = {src.x, src.y};
            hand_end = hand_start;
            held = source;
            held_angle = -tilt * (sprinkle ? 2.4 : 1.75);
            if (tilt > 0.5) {
                const double reach = src_obj.height_px * 0.5;
                const Point spout{hand.x - reach * std::abs(detSin(held_angle)) * 1.0,
                                  hand.y - reach * detCos(held_angle)};
                const Point landing{surf.x, surf.y - surf_obj.height_px * 0.15};
                const ObjectClass& src_cls = library_.classes()[src_obj.class_index];
                Colour colour = src.fill > 0.0 ? src.fill_colour : src_cls.primary;
                if (step.tool == source && step.target < 0 && !sprinkle) {
                    colour = {210, 140, 40};  // water from a watering can
                }
                addStream(pose.particles, spout, landing, sprinkle ? 10 : 16, u,
                          sprinkle ? 5.0 : 3.0, step.seed, colour, sprinkle ? 1.2 : 2.0,
                          sprinkle ? 18.0 : 6.0);
            }
            ObjectState& dest = pose.objects[idx(surface)];
            dest.fill = lerp(step.before[idx(surface)].fill, step.after[idx(surface)].fill,
                             smooth((u - 0.3) / 0.45));
            if (u > 0.3) {
                dest.fill_colour = step.after[idx(surface)].fill_colour;
            }
            break;
        }
        case Motion::Place:
        case Motion::Remove:
        case Motion::Insert: {
            const double carry = smooth(u);
            const double lift = 0.18 * H * detSin(kDetPi * std::min(1.0, u));
            hand = {lerp(before.x, after.x, carry), lerp(before.y, after.y, carry) - lift};
            hand_start = {before.x, before.y};
            hand_end = {after.x, after.y};
            held = step.object;
            if (step.motion == Motion::Insert && u > 0.75) {
                state.inside = true;
            }
            break;
        }
        case Motion::Chop: {
            const Point t0 = top(before, obj);
            const double stroke = std::abs(detSin(u * kDetPi * 5.0));
            hand = {t0.x + obj.width_px * 0.35, t0.y - 0.05 * H - 0.12 * H * stroke};
            hand_start = hand_end = {t0.x + obj.width_px * 0.35, t0.y - 0.05 * H};
            held = step.tool;
            held_angle = 0.15;
            state.split = u > 0.3;
            break;
        }
        case Motion::Stir: {
            const Point t0 = top(before, obj);
            const double a = u * 2.0 * kDetPi * 4.0;
            const double r = obj.width_px * 0.22;
            hand = {t0.x + r * detCos(a), t0.y - 0.08 * H + 0.35 * r * detSin(a)};
            hand_start = hand_end = {t0.x + r, t0.y - 0.08 * H};
            held = step.tool;
            held_angle = kDetPi / 2 - 0.35;
            break;
        }
        case Motion::Spread:
        case Motion::Wipe: {
            const double cycles = step.motion == Motion::Spread ? 3.0 : 2.5;
            const double a = u * 2.0 * kDetPi * cycles;
            hand = {surf.x + surf_obj.width_px * 0.38 * detSin(a),
                    surf.y - surf_obj.height_px * 0.25 + 0.02 * H * detCos(2.0 * a)};
            hand_start = hand_end = {surf.x, surf.y - surf_obj.height_px * 0.25};
            held = step.tool >= 0 ? step.tool : -1;
            if (step.motion == Motion::Spread) {
                pose.objects[idx(surface)].layer =
                    lerp(step.before[idx(surface)].layer, step.after[idx(surface)].layer, u);
                pose.objects[idx(surface)].layer_colour = step.after[idx(surface)].layer_colour;
            }
            break;
        }
        case Motion::Open:
        case Motion::Close: {
            const double open = lerp(before.lid_open, after.lid_open, smooth(u));
            state.lid_open = open;
            const Point t0 = top(before, obj);
            hand = {t0.x + open * obj.width_px * 0.9,
                    t0.y - 0.02 * H - 0.1 * H * detSin(kDetPi * open)};
            hand_start = {t0.x + before.lid_open * obj.width_px * 0.9, t0.y - 0.02 * H};
            hand_end = {t0.x + after.lid_open * obj.width_px * 0.9, t0.y - 0.02 * H};
            break;
        }
        case Motion::Twist: {
            const double a = u * 2.0 * kDetPi * 3.0;
            hand = {before.x + obj.width_px * 0.5 + 0.05 * H + 0.03 * H * detCos(a),
                    before.y - 0.03 * H * detSin(a)};
            hand_start = hand_end = {before.x + obj.width_px * 0.5 + 0.08 * H, before.y};
            held = step.tool;
            held_angle = 0.5 * detSin(a);
            break;
        }
        case Motion::Press:
        case Motion::Roll:
        case Motion::Fold:
        case Motion::Peel: {
            const Point t0 = top(before, obj);
            state.scale_x = lerp(before.scale_x, after.scale_x, smooth(u));
            state.scale_y = lerp(before.scale_y, after.scale_y, smooth(u));
            if (step.motion == Motion::Press) {
                hand = {t0.x, t0.y - 0.02 * H + 0.06 * H * std::abs(detSin(u * kDetPi * 2.0))};
            } else if (step.motion == Motion::Roll) {
                hand = {t0.x + obj.width_px * 0.3 * detSin(u * 2.0 * kDetPi * 2.0), t0.y};
            } else if (step.motion == Motion::Fold) {
                hand = {lerp(t0.x + obj.width_px * 0.5, t0.x - obj.width_px * 0.2, smooth(u)),
                        t0.y - 0.08 * H * detSin(kDetPi * u)};
            } else {
                hand = {t0.x + obj.width_px * 0.25, t0.y + obj.height_px * 0.5 * frac(u * 4.0)};
                state.other_side = u > 0.6 ? after.other_side : before.other_side;
                if (acting) {
                    const ObjectClass& cls = library_.classes()[obj.class_index];
                    addStream(pose.particles, {hand.x, hand.y},
                              {hand.x + 0.12 * H, before.y + obj.height_px * 0.6}, 5, u, 4.0,
                              step.seed, cls.secondary, 2.5, 8.0);
                }
            }
            hand_start = hand_end = {hand.x, hand.y};
            if (step.motion == Motion::Fold) {
                hand_start = {t0.x + obj.width_px * 0.5, t0.y};
                hand_end = {t0.x - obj.width_px * 0.2, t0.y};
            }
            break;
        }
        case Motion::Wash:
        case Motion::Shake:
        case Motion::Flip: {
            const double lift = 0.15 * H * (smooth(u / 0.15) - smooth((u - 0.85) / 0.15));
            double dx = 0.0;
            double dy = 0.0;
            if (step.motion == Motion::Wash) {
                dx = 0.03 * H * detSin(u * 2.0 * kDetPi * 6.0);
                addStream(pose.particles, {before.x, 0.0}, {before.x, before.y - lift}, 14, u, 6.0,
                          step.seed, {220, 170, 90}, 1.6, obj.width_px * 0.8);
            } else if (step.motion == Motion::Shake) {
                dy = 0.04 * H * detSin(u * 2.0 * kDetPi * 8.0);
            } else {
                state.scale_y =
                    before.scale_y * std::max(0.08, std::abs(detCos(kDetPi * smooth(u))));
                state.other_side = u > 0.5 ? after.other_side : before.other_side;
            }
            hand = {before.x + dx, before.y - lift + dy};
            hand_start = hand_end = {before.x, before.y};
            held = step.object;
            break;
        }
    }

    // Approach and retract: the hand travels between rest and the act. With a tool it first
    // fetches the tool from the table and puts it back there afterwards.
    const Point rest{script_.hand_rest_x, script_.hand_rest_y};
    const bool uses_tool = held >= 0 && held != step.object;
    const Point tool_spot =
        uses_tool ? Point{step.before[idx(held)].x, step.before[idx(held)].y} : rest;
    Point palm = hand;
    bool tool_in_hand = uses_tool;
    if (t < kApproachEnd) {
        const double a = t / kApproachEnd;
        if (uses_tool && a < 0.5) {
            palm = {lerp(rest.x, tool_spot.x, smooth(a * 2.0)),
                    lerp(rest.y, tool_spot.y, smooth(a * 2.0))};
            tool_in_hand = false;
        } else {
            const Point from = uses_tool ? tool_spot : rest;
            const double b = uses_tool ? (a - 0.5) * 2.0 : a;
            palm = {lerp(from.x, hand_start.x, smooth(b)), lerp(from.y, hand_start.y, smooth(b))};
        }
    } else if (t >= kActEnd) {
        const double a = (t - kActEnd) / (1.0 - kActEnd);
        if (uses_tool && a < 0.5) {
            palm = {lerp(hand_end.x, tool_spot.x, smooth(a * 2.0)),
                    lerp(hand_end.y, tool_spot.y, smooth(a * 2.0))};
        } else {
            const Point from = uses_tool ? tool_spot : hand_end;
            const double b = uses_tool ? (a - 0.5) * 2.0 : a;
            palm = {lerp(from.x, rest.x, smooth(b)), lerp(from.y, rest.y, smooth(b))};
            tool_in_hand = false;
        }
    }
    pose.hand_x = palm.x;
    pose.hand_y = palm.y;
    pose.hand_angle_rad = held_angle * 0.5;
    (void)frame;

    // A carried object is only in the hand while acting; a tool is held for the whole step
    // (it is picked up during the approach and put back during the retract).
    const bool carried = held >= 0 && held == step.object;
    if (held >= 0 && (carried ? acting : tool_in_hand)) {
        ObjectState& h = pose.objects[idx(held)];
        const double base_x = h.x;
        const double base_y = h.y;
        h.x = palm.x;
        h.y = palm.y + objects[idx(held)].height_px * 0.25;
        h.angle_rad = held_angle;
        h.inside = carried ? state.inside : false;
        if (carried && step.motion != Motion::Insert) {
            h.parent = -1;
        }
        for (std::size_t i = 0; i < pose.objects.size(); ++i) {
            if (pose.objects[i].parent == held && static_cast<int>(i) != held) {
                pose.objects[i].x += h.x - base_x;
                pose.objects[i].y += h.y - base_y;
            }
        }
        pose.held = held;
    } else if (carried && t >= kActEnd) {
        pose.objects = step.after;
    }
}

}  // namespace actbert::synth
