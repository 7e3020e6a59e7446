#include "core/synth/scene_renderer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/synth/det_math.h"
#include "core/synth/synth_random.h"

namespace actbert::synth {

namespace {

std::uint64_t frameHash(std::uint64_t seed, int frame, int salt) {
    return SynthRandom::deriveSeed(seed ^ static_cast<std::uint64_t>(salt) * 0x51ED27ULL,
                                   static_cast<std::uint64_t>(frame));
}

cv::Vec3b jitterColour(SynthRandom& random, int b, int g, int r, int spread) {
    auto j = [&](int v) {
        return static_cast<uchar>(
            std::clamp(v + static_cast<int>(random.uniformInt(-spread, spread)), 0, 255));
    };
    return {j(b), j(g), j(r)};
}

}  // namespace

SceneRenderer::SceneRenderer(const VideoScript& script, const TaskLibrary& library)
    : script_(script), library_(library), animator_(script, library), painter_(script, library) {
    margin_ = static_cast<int>(std::ceil(script.shake_px * 1.2)) + 2;
    SynthRandom random(SynthRandom::deriveSeed(script.seed, 11));
    light_phase_ = random.uniform(0.0, 2.0 * kDetPi);
    tint_phase_ = random.uniform(0.0, 2.0 * kDetPi);
    shake_phase_x_ = random.uniform(0.0, 2.0 * kDetPi);
    shake_phase_y_ = random.uniform(0.0, 2.0 * kDetPi);
    occluder_colour_ = cv::Scalar(static_cast<double>(random.uniformInt(20, 90)),
                                  static_cast<double>(random.uniformInt(20, 90)),
                                  static_cast<double>(random.uniformInt(20, 90)));
    makeBackground();
    makeNoise();
}

void SceneRenderer::makeBackground() {
    SynthRandom random(SynthRandom::deriveSeed(script_.seed, 12));
    const int w = script_.width + 2 * margin_;
    const int h = script_.height + 2 * margin_;
    background_.create(h, w, CV_8UC3);
    // Wall: a smooth low-frequency field (bilinear, bit-exact) plus tiles or stripes.
    cv::Mat coarse(4, 6, CV_8UC3);
    const cv::Vec3b wall = jitterColour(random, 190, 200, 205, 45);
    for (int y = 0; y < coarse.rows; ++y) {
        for (int x = 0; x < coarse.cols; ++x) {
            coarse.at<cv::Vec3b>(y, x) = jitterColour(random, wall[0], wall[1], wall[2], 14);
        }
    }
    cv::Mat smooth;
    cv::resize(coarse, smooth, cv::Size(w, h), 0, 0, cv::INTER_LINEAR_EXACT);
    const int table_top = margin_ + static_cast<int>(script_.height * random.uniform(0.40, 0.48));
    const int pattern = static_cast<int>(random.uniformInt(0, 2));
    const int tile = static_cast<int>(random.uniformInt(14, 30)) * script_.height / 240 + 4;
    const cv::Vec3b wood = jitterColour(random, 60, 110, 160, 35);
    const double grain_freq = random.uniform(0.15, 0.4);
    const double grain_phase = random.uniform(0.0, 6.0);
    for (int y = 0; y < h; ++y) {
        auto* row = background_.ptr<cv::Vec3b>(y);
        const auto* base = smooth.ptr<cv::Vec3b>(y);
        for (int x = 0; x < w; ++x) {
            const int grain = static_cast<int>(random.next() & 7) - 4;
            int shade = grain;
            cv::Vec3b c = base[x];
            if (y < table_top) {
                if (pattern == 0 && (x % tile == 0 || y % tile == 0)) {
                    shade -= 25;  // tile joints
                } else if (pattern == 1 && (x / tile) % 2 == 0) {
                    shade -= 10;  // wallpaper stripes
                }
            } else {
                // Wood: grain lines that wobble along the table.
                const double v = detSin(y * grain_freq + 3.0 * detSin(x * 0.013 + grain_phase));
                shade += static_cast<int>(v * 14.0);
                c = wood;
                if (y - table_top < 3) {
                    shade -= 45;  // table edge
                }
                // Slightly darker towards the back.
                shade -= (h - y) * 10 / h;
            }
            row[x] = cv::Vec3b(static_cast<uchar>(std::clamp(c[0] + shade, 0, 255)),
                               static_cast<uchar>(std::clamp(c[1] + shade, 0, 255)),
                               static_cast<uchar>(std::clamp(c[2] + shade, 0, 255)));
        }
    }
}

void SceneRenderer::makeNoise() {
    SynthRandom random(SynthRandom::deriveSeed(script_.seed, 13));
    const int w = script_.width + 2 * noise_margin_;
    const int h = script_.height + 2 * noise_margin_;
    // Field 0 is the sensor's fixed pattern (the same every frame); fields 1..3 are temporal
    // noise, weaker except at high difficulty: online videos are compressed, so frame-to-frame
    // noise is mostly gone (and it is what makes encoding slow).
    const double temporal = 0.2 + 0.8 * script_.difficulty;
    for (int k = 0; k < 4; ++k) {
        const double sigma = k == 0 ? script_.noise_sigma : script_.noise_sigma * temporal;
        // Sum of four 16-bit uniforms: close to Gaussian, exact integer arithmetic.
        const double scale = sigma / (65535.0 * std::sqrt(4.0 / 12.0));
        cv::Mat up(h, w, CV_8UC3);
        cv::Mat down(h, w, CV_8UC3);
        auto* pu = up.ptr<uchar>(0);
        auto* pd = down.ptr<uchar>(0);
        const std::size_t count = static_cast<std::size_t>(w) * h * 3;
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint64_t bits = random.next();
            const long sum = static_cast<long>(bits & 0xFFFF) +
                             static_cast<long>((bits >> 16) & 0xFFFF) +
                             static_cast<long>((bits >> 32) & 0xFFFF) +
                             static_cast<long>(bits >> 48) - 2 * 65535;
            const long level = std::lround(static_cast<double>(sum) * scale);
            pu[i] = static_cast<uchar>(std::clamp(level, 0L, 255L));
            pd[i] = static_cast<uchar>(std::clamp(-level, 0L, 255L));
        }
        noise_up_.push_back(up);
        noise_down_.push_back(down);
    }
}

cv::Point SceneRenderer::cameraOffset(int frame) const {
    const double f = static_cast<double>(frame) / script_.fps;
    const double a = script_.shake_px;
    const double x =
        a * (0.7 * detSin(f * 0.8 + shake_phase_x_) + 0.3 * detSin(f * 7.3 + shake_phase_y_));
    const double y =
        a * (0.7 * detSin(f * 0.6 + shake_phase_y_) + 0.3 * detSin(f * 6.1 + shake_phase_x_));
    return {static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))};
}

std::vector<ObjectBox> SceneRenderer::render(int frame, cv::Mat& image) const {
    const cv::Point camera = cameraOffset(frame);
    background_(cv::Rect(margin_ + camera.x, margin_ + camera.y, script_.width, script_.height))
        .copyTo(image);
    const FramePose pose = animator_.pose(frame);

    // Draw order: inserted objects behind their container, then back to front by the bottom
    // edge; what sits on something is drawn after it; the carried object over everything.
    const std::size_t n = pose.objects.size();
    std::vector<double> depth(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& s = pose.objects[i];
        depth[i] = s.y + script_.objects[i].height_px * s.scale_y * 0.5;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const int parent = pose.objects[i].parent;
        if (parent >= 0 && static_cast<int>(i) != pose.held) {
            depth[i] =
                depth[static_cast<std::size_t>(parent)] + (pose.objects[i].inside ? -0.5 : 0.5);
        }
    }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i) {
        if (pose.objects[i].visible && static_cast<int>(i) != pose.held) {
            order.push_back(i);
        }
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return depth[a] < depth[b]; });
    if (pose.held >= 0) {
        order.push_back(static_cast<std::size_t>(pose.held));
    }

    std::vector<ObjectBox> boxes;
    const cv::Rect frame_rect(0, 0, script_.width, script_.height);
    auto record = [&](int object, std::size_t class_index, const cv::Rect& drawn) {
        const cv::Rect clipped = drawn & frame_rect;
        if (clipped.area() > 0) {
            boxes.push_back({object, class_index, clipped.x, clipped.y, clipped.x + clipped.width,
                             clipped.y + clipped.height});
        }
    };
    for (const std::size_t i : order) {
        const cv::Rect drawn =
            painter_.drawObject(image, static_cast<int>(i), pose.objects[i], camera);
        record(static_cast<int>(i), script_.objects[i].class_index, drawn);
    }
    for (const auto& p : pose.particles) {
        const cv::Point centre(static_cast<int>(std::lround((p.x - camera.x) * 16.0)),
                               static_cast<int>(std::lround((p.y - camera.y) * 16.0)));
        cv::circle(image, centre, static_cast<int>(std::lround(p.radius * 16.0)),
                   cv::Scalar(p.colour.b, p.colour.g, p.colour.r), cv::FILLED, cv::LINE_AA, 4);
    }
    const cv::Rect hand =
        painter_.drawHand(image, pose.hand_x, pose.hand_y, pose.hand_angle_rad, camera);
    record(-1, library_.classIndex("hand"), hand);
    std::sort(boxes.begin(), boxes.end(),
              [](const ObjectBox& a, const ObjectBox& b) { return a.object < b.object; });

    drawOccluders(frame, image);
    applyLighting(frame, image);
    addNoise(frame, image);
    return boxes;
}

void SceneRenderer::drawOccluders(int frame, cv::Mat& image) const {
    for (const auto& o : script_.occlusions) {
        if (frame < o.start_frame || frame >= o.end_frame) {
            continue;
        }
        // Someone walks past close to the camera: a dark, soft-edged shape crossing the frame.
        const double t = static_cast<double>(frame - o.start_frame) / (o.end_frame - o.start_frame);
        const double w = script_.width;
        const double x = o.from_left ? -0.4 * w + 1.8 * w * t : 1.4 * w - 1.8 * w * t;
        const cv::Point centre(static_cast<int>(std::lround(x)),
                               static_cast<int>(std::lround(o.band_y * script_.height)));
        const cv::Size axes(static_cast<int>(0.22 * w),
                            static_cast<int>(o.band_h * script_.height));
        cv::ellipse(image, centre, axes, 0.0, 0.0, 360.0, occluder_colour_, cv::FILLED,
                    cv::LINE_AA);
    }
}

void SceneRenderer::applyLighting(int frame, cv::Mat& image) const {
    const double f = static_cast<double>(frame) / script_.fps;
    const double a = script_.light_amplitude;
    const double gain = 1.0 + a * detSin(f * 0.45 + light_phase_);
    const double tint = 0.35 * a * detSin(f * 0.3 + tint_phase_);
    const double gains[3] = {gain * (1.0 - tint), gain, gain * (1.0 + tint)};
    // One table per channel, applied in a plain loop: cv::LUT with a 3-channel table takes a
    // slow generic path and hands 320x240 frames to its thread pool, whose wake-ups cost more
    // than the lookup itself (a fifth of the generator's CPU time, measured with perf).
    std::array<std::array<uchar, 256>, 3> table{};
    for (int v = 0; v < 256; ++v) {
        for (int c = 0; c < 3; ++c) {
            table[static_cast<std::size_t>(c)][static_cast<std::size_t>(v)] =
                static_cast<uchar>(std::clamp(std::lround(v * gains[c]), 0L, 255L));
        }
    }
    for (int y = 0; y < image.rows; ++y) {
        uchar* pixel = image.ptr<uchar>(y);
        for (int x = 0; x < image.cols; ++x, pixel += 3) {
            pixel[0] = table[0][pixel[0]];
            pixel[1] = table[1][pixel[1]];
            pixel[2] = table[2][pixel[2]];
        }
    }
}

void SceneRenderer::addNoise(int frame, cv::Mat& image) const {
    const cv::Rect fixed(noise_margin_, noise_margin_, script_.width, script_.height);
    cv::add(image, noise_up_[0](fixed), image);
    cv::subtract(image, noise_down_[0](fixed), image);
    const std::uint64_t bits = frameHash(script_.seed, frame, 5);
    const std::size_t k = 1 + static_cast<std::size_t>(bits % (noise_up_.size() - 1));
    const int ox = static_cast<int>((bits >> 8) % static_cast<std::uint64_t>(2 * noise_margin_));
    const int oy = static_cast<int>((bits >> 20) % static_cast<std::uint64_t>(2 * noise_margin_));
    const cv::Rect window(ox, oy, script_.width, script_.height);
    cv::add(image, noise_up_[k](window), image);
    cv::subtract(image, noise_down_[k](window), image);
}

}  // namespace actbert::synth
