#include "core/synth/object_painter.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "core/synth/det_math.h"
#include "core/synth/synth_random.h"

namespace actbert::synth {

namespace {

constexpr int kShift = 4;  // fixed-point bits for subpixel drawing
constexpr double kOne = 1 << kShift;

struct Local {
    double x, y;  // in object units: [-0.5, 0.5] spans the object's width / height
};

cv::Scalar scalar(Colour c, double gain = 1.0) {
    return {std::clamp(c.b * gain, 0.0, 255.0), std::clamp(c.g * gain, 0.0, 255.0),
            std::clamp(c.r * gain, 0.0, 255.0)};
}

int clampByte(int v) {
    return std::clamp(v, 0, 255);
}

// A seeded texture of `side` x `side` pixels in `base` with the class's pattern.
cv::Mat makeTexture(int side, Colour base, Colour other, Texture texture, std::uint64_t seed) {
    SynthRandom random(seed);
    cv::Mat image(side, side, CV_8UC3);
    const int stripe = static_cast<int>(random.uniformInt(3, 7));
    const int cell = static_cast<int>(random.uniformInt(4, 9));
    const double centre = side / 2.0;
    for (int y = 0; y < side; ++y) {
        auto* row = image.ptr<cv::Vec3b>(y);
        for (int x = 0; x < side; ++x) {
            const std::uint64_t bits = random.next();
            const int grain = static_cast<int>(bits & 15) - 8;  // -8..7
            int shade = grain / 2;
            bool use_other = false;
            switch (texture) {
                case Texture::Plain:
                    break;
                case Texture::Speckled:
                    use_other = ((bits >> 8) & 63) == 0;
                    shade = ((bits >> 16) & 31) == 0 ? -40 : shade;
                    break;
                case Texture::Striped:
                    shade += ((x + y / 3) / stripe) % 2 == 0 ? -22 : 6;
                    break;
                case Texture::Checkered:
                    use_other = ((x / cell) + (y / cell)) % 2 == 0;
                    break;
                case Texture::Grainy:
                    shade = grain * 3;
                    break;
                case Texture::Rings: {
                    const double r =
                        std::sqrt((x - centre) * (x - centre) + (y - centre) * (y - centre));
                    shade += (static_cast<int>(r) / stripe) % 2 == 0 ? -14 : 8;
                    break;
                }
            }
            const Colour c = use_other ? other : base;
            row[x] = cv::Vec3b(static_cast<uchar>(clampByte(c.b + shade)),
                               static_cast<uchar>(clampByte(c.g + shade)),
                               static_cast<uchar>(clampByte(c.r + shade)));
        }
    }
    return image;
}

// Maps object-local points to fixed-point frame coordinates.
class Placement {
public:
    Placement(const ObjectState& s, double w, double h, cv::Point camera)
        : w_(w * s.scale_x),
          h_(h * s.scale_y),
          cx_(s.x - camera.x),
          cy_(s.y - camera.y),
          sin_(detSin(s.angle_rad)),
          cos_(detCos(s.angle_rad)) {}

    cv::Point map(Local p) const {
        const double lx = p.x * w_;
        const double ly = p.y * h_;
        const double x = cx_ + lx * cos_ - ly * sin_;
        const double y = cy_ + lx * sin_ + ly * cos_;
        return {static_cast<int>(std::lround(x * kOne)), static_cast<int>(std::lround(y * kOne))};
    }
    std::vector<cv::Point> map(const std::vector<Local>& points) const {
        std::vector<cv::Point> out;
        out.reserve(points.size());
        for (const auto& p : points) {
            out.push_back(map(p));
        }
        return out;
    }
    double width() const { return w_; }
    double height() const { return h_; }
    double angleDegrees() const { return 0.0; }

private:
    double w_, h_, cx_, cy_, sin_, cos_;
};

std::vector<Local> ellipse(double cx, double cy, double rx, double ry, int count = 28,
                           double wobble = 0.0, double phase = 0.0) {
    std::vector<Local> out;
    for (int i = 0; i < count; ++i) {
        const double a = 2.0 * kDetPi * i / count;
        const double r = 1.0 + wobble * detSin(5.0 * a + phase);
        out.push_back({cx + rx * r * detCos(a), cy + ry * r * detSin(a)});
    }
    return out;
}

std::vector<Local> rect(double x1, double y1, double x2, double y2) {
    return {{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}};
}

cv::Rect fixedBounds(const std::vector<cv::Point>& points) {
    int x1 = INT32_MAX, y1 = INT32_MAX, x2 = INT32_MIN, y2 = INT32_MIN;
    for (const auto& p : points) {
        x1 = std::min(x1, p.x);
        y1 = std::min(y1, p.y);
        x2 = std::max(x2, p.x);
        y2 = std::max(y2, p.y);
    }
    const int s = 1 << kShift;
    const int fx1 = x1 >= 0 ? x1 / s : -((-x1 + s - 1) / s);
    const int fy1 = y1 >= 0 ? y1 / s : -((-y1 + s - 1) / s);
    return {fx1, fy1, x2 / s - fx1 + 1, y2 / s - fy1 + 1};
}

// Fills the polygon with the texture (anchored to the polygon's box, so it moves with it).
void fillTextured(cv::Mat& frame, const std::vector<cv::Point>& poly, const cv::Mat& texture,
                  double keep_fraction = 1.0) {
    const cv::Rect bounds = fixedBounds(poly);
    const cv::Rect roi = bounds & cv::Rect(0, 0, frame.cols, frame.rows);
    if (roi.empty()) {
        return;
    }
    cv::Mat mask = cv::Mat::zeros(roi.size(), CV_8U);
    std::vector<cv::Point> local;
    local.reserve(poly.size());
    for (const auto& p : poly) {
        local.emplace_back(p.x - roi.x * static_cast<int>(kOne),
                           p.y - roi.y * static_cast<int>(kOne));
    }
    const cv::Point* pts = local.data();
    const int count = static_cast<int>(local.size());
    cv::fillPoly(mask, &pts, &count, 1, cv::Scalar(255), cv::LINE_8, kShift);
    if (keep_fraction < 1.0) {
        // Partial coverage (a layer being spread): keep the left part of the polygon's box.
        const int keep = bounds.x + static_cast<int>(bounds.width * keep_fraction) - roi.x;
        if (keep < mask.cols) {
            mask.colRange(std::max(0, keep), mask.cols).setTo(0);
        }
    }
    const int tx = std::clamp(roi.x - bounds.x, 0, std::max(0, texture.cols - roi.width));
    const int ty = std::clamp(roi.y - bounds.y, 0, std::max(0, texture.rows - roi.height));
    const cv::Rect tex_rect(tx, ty, std::min(roi.width, texture.cols),
                            std::min(roi.height, texture.rows));
    const cv::Rect dst(roi.x, roi.y, tex_rect.width, tex_rect.height);
    texture(tex_rect).copyTo(frame(dst), mask(cv::Rect(0, 0, tex_rect.width, tex_rect.height)));
}

void outline(cv::Mat& frame, const std::vector<cv::Point>& poly, const cv::Scalar& colour) {
    const cv::Point* pts = poly.data();
    const int count = static_cast<int>(poly.size());
    cv::polylines(frame, &pts, &count, 1, true, colour, 1, cv::LINE_AA, kShift);
}

void fillSolid(cv::Mat& frame, const std::vector<cv::Point>& poly, const cv::Scalar& colour) {
    const cv::Point* pts = poly.data();
    const int count = static_cast<int>(poly.size());
    cv::fillPoly(frame, &pts, &count, 1, colour, cv::LINE_AA, kShift);
}

}  // namespace

ObjectPainter::ObjectPainter(const VideoScript& script, const TaskLibrary& library)
    : script_(script), library_(library) {
    for (const auto& object : script.objects) {
        const ObjectClass& cls = library.classes()[object.class_index];
        Look look;
        // Large enough for the object at any scale and rotation.
        const int side =
            static_cast<int>(std::ceil(std::hypot(object.width_px, object.height_px) * 1.3)) + 8;
        look.primary =
            makeTexture(side, cls.primary, cls.secondary, cls.texture, object.texture_seed);
        look.secondary =
            makeTexture(side, cls.secondary, cls.primary, cls.texture, object.texture_seed + 1);
        look.has_lid = cls.shape == Shape::Jar || cls.shape == Shape::Bottle;
        looks_.push_back(std::move(look));
    }
    for (const auto& step : script.steps) {
        if (step.motion == Motion::Open || step.motion == Motion::Close) {
            looks_[static_cast<std::size_t>(step.object)].has_lid = true;
        }
    }
    static const Colour kSleeves[] = {
        {140, 60, 30}, {50, 50, 50}, {60, 120, 60}, {40, 40, 150}, {150, 150, 150}};
    SynthRandom random(SynthRandom::deriveSeed(script.seed, 77));
    sleeve_ = scalar(kSleeves[random.uniformInt(0, 4)]);
}

cv::Rect ObjectPainter::drawObject(cv::Mat& frame, int index, const ObjectState& s,
                                   cv::Point camera) const {
    const SceneObject& object = script_.objects[static_cast<std::size_t>(index)];
    const ObjectClass& cls = library_.classes()[object.class_index];
    const Look& look = looks_[static_cast<std::size_t>(index)];
    const Placement place(s, object.width_px, object.height_px, camera);
    const cv::Mat& texture = s.other_side ? look.secondary : look.primary;
    const Colour body_colour = s.other_side ? cls.secondary : cls.primary;
    const cv::Scalar edge = scalar(body_colour, 0.55);
    const cv::Scalar second = scalar(cls.secondary);

    std::vector<Local> body;
    double rim_y = -0.5;  // where a container's opening is (local y)
    switch (cls.shape) {
        case Shape::Round:
            body = ellipse(0, 0, 0.5, 0.5);
            break;
        case Shape::Oval:
            body = ellipse(0, 0, 0.5, 0.5, 28, 0.04, 1.0);
            break;
        case Shape::Blob:
            body =
                ellipse(0, 0, 0.46, 0.46, 36, 0.08, static_cast<double>(object.texture_seed % 7));
            break;
        case Shape::Box:
            body = rect(-0.5, -0.5, 0.5, 0.5);
            break;
        case Shape::RoundedBox:
            body = {{-0.4, -0.5}, {0.4, -0.5}, {0.5, -0.38},
                    {0.5, 0.5},   {-0.5, 0.5}, {-0.5, -0.38}};
            break;
        case Shape::Bowl:
            for (int i = 0; i <= 14; ++i) {
                const double a = kDetPi * i / 14.0;
                body.push_back({0.5 * detCos(a), -0.2 + 0.7 * detSin(a)});
            }
            rim_y = -0.2;
            break;
        case Shape::Cup:
            body = {{-0.5, -0.5}, {0.5, -0.5}, {0.38, 0.5}, {-0.38, 0.5}};
            break;
        case Shape::Jar:
            body = rect(-0.5, -0.3, 0.5, 0.5);
            rim_y = -0.3;
            break;
        case Shape::Bottle:
            body = {{-0.5, -0.12}, {-0.2, -0.32}, {-0.2, -0.4}, {0.2, -0.4},
                    {0.2, -0.32},  {0.5, -0.12},  {0.5, 0.5},   {-0.5, 0.5}};
            rim_y = -0.4;
            break;
        case Shape::Flat:
            body = ellipse(0, 0, 0.5, 0.5, 32);
            rim_y = 0.0;
            break;
        case Shape::Stick:
            body = rect(-0.5, -0.5, 0.5, 0.5);
            break;
        case Shape::Ring:
            body = ellipse(0, 0, 0.5, 0.5, 32);
            break;
        case Shape::Wedge:
            body = {{0.0, -0.5}, {0.5, 0.5}, {-0.5, 0.5}};
            break;
        case Shape::Hand:
            break;
    }
    const std::vector<cv::Point> poly = place.map(body);
    cv::Rect box = fixedBounds(poly);
    fillTextured(frame, poly, texture);
    outline(frame, poly, edge);

    // Class details on top of the body.
    if (cls.shape == Shape::Stick) {
        fillSolid(frame, place.map(rect(-0.5, -0.5, -0.1, 0.5)), second);  // handle
    } else if (cls.shape == Shape::Ring) {
        fillSolid(frame, place.map(ellipse(0, 0, 0.28, 0.28, 24)), second);
        fillSolid(frame, place.map(ellipse(0, 0, 0.08, 0.08, 12)), scalar(cls.primary));
    } else if (cls.shape == Shape::Cup) {
        const auto handle =
            place.map(std::vector<Local>{{0.45, -0.3}, {0.72, -0.25}, {0.72, 0.15}, {0.42, 0.2}});
        outline(frame, handle, scalar(body_colour, 0.8));
        box |= fixedBounds(handle);
    } else if (cls.shape == Shape::Flat) {
        outline(frame, place.map(ellipse(0, 0, 0.36, 0.34, 28)), second);
    }
    // Contents of containers, visible through the opening.
    const bool container = rim_y > -0.5 || cls.shape == Shape::Cup;
    if (container && s.fill > 0.01 && (!look.has_lid || s.lid_open > 0.5)) {
        const double open_y = cls.shape == Shape::Cup ? -0.42 : rim_y + 0.04;
        const double rx = cls.shape == Shape::Flat ? 0.3 * std::sqrt(s.fill) : 0.42;
        const double ry =
            cls.shape == Shape::Flat ? 0.28 * std::sqrt(s.fill) : 0.06 + 0.04 * s.fill;
        fillSolid(frame, place.map(ellipse(0, open_y, rx, ry, 20)), scalar(s.fill_colour, 0.85));
    }
    if (s.layer > 0.01) {
        std::vector<Local> inner;
        for (const auto& p : body) {
            inner.push_back({p.x * 0.72, p.y * 0.65 - 0.05});
        }
        const cv::Mat layer(texture.size(), CV_8UC3, scalar(s.layer_colour));
        fillTextured(frame, place.map(inner), layer, s.layer);
    }
    if (s.split) {
        for (const double x : {-0.17, 0.17}) {
            const auto cut = place.map(std::vector<Local>{{x, -0.5}, {x + 0.03, 0.5}});
            cv::line(frame, cut[0], cut[1], edge, 2, cv::LINE_AA, kShift);
        }
    }
    if (look.has_lid) {
        // The lid sits on the opening, or lies beside the object when open.
        const double lift = s.lid_open;
        const double top =
            cls.shape == Shape::Bottle ? -0.5 : (cls.shape == Shape::Jar ? -0.5 : -0.5);
        const double bottom =
            cls.shape == Shape::Bottle ? -0.38 : (cls.shape == Shape::Jar ? -0.28 : -0.2);
        const double half = cls.shape == Shape::Bottle ? 0.22 : 0.48;
        const double dx = lift * (half + 0.6);
        const double dy = -0.25 * detSin(kDetPi * lift) + lift * (0.5 - bottom);
        const auto lid = place.map(rect(-half + dx, top + dy, half + dx, bottom + dy));
        fillSolid(frame, lid, second);
        outline(frame, lid, scalar(cls.secondary, 0.5));
        box |= fixedBounds(lid);
    }
    return box;
}

cv::Rect ObjectPainter::drawHand(cv::Mat& frame, double x, double y, double angle_rad,
                                 cv::Point camera) const {
    const double H = script_.height;
    const ObjectClass& cls = library_.classes()[library_.classIndex("hand")];
    const cv::Scalar skin = scalar(cls.primary);
    const cv::Scalar shade = scalar(cls.secondary);
    const double px = x - camera.x;
    const double py = y - camera.y;
    auto fixed = [](double vx, double vy) {
        return cv::Point(static_cast<int>(std::lround(vx * kOne)),
                         static_cast<int>(std::lround(vy * kOne)));
    };
    // Arm: from the palm away towards the lower right, off the frame.
    const double ax = script_.hand_rest_x - camera.x + 0.6 * H;
    const double ay = script_.hand_rest_y - camera.y + 0.5 * H;
    const double dx = ax - px;
    const double dy = ay - py;
    const double len = std::max(1.0, std::sqrt(dx * dx + dy * dy));
    const double wx = px + dx / len * 0.09 * H;
    const double wy = py + dy / len * 0.09 * H;
    cv::line(frame, fixed(wx, wy), fixed(px + dx / len * 0.16 * H, py + dy / len * 0.16 * H), skin,
             std::max(2, static_cast<int>(0.075 * H)), cv::LINE_AA, kShift);
    cv::line(frame, fixed(px + dx / len * 0.16 * H, py + dy / len * 0.16 * H), fixed(ax, ay),
             sleeve_, std::max(3, static_cast<int>(0.11 * H)), cv::LINE_AA, kShift);
    // Palm and fingers, pointing away from the arm (towards what the hand works on).
    const double fx = -dx / len;
    const double fy = -dy / len;
    const double c = detCos(angle_rad);
    const double s = detSin(angle_rad);
    const double dir_x = fx * c - fy * s;
    const double dir_y = fx * s + fy * c;
    const double side_x = -dir_y;
    const double side_y = dir_x;
    const double palm = 0.055 * H;
    std::vector<cv::Point> fingers_box;
    for (int i = 0; i < 4; ++i) {
        const double offset = (i - 1.5) * 0.022 * H;
        const double length = (i == 0 || i == 3 ? 0.05 : 0.065) * H;
        const double bx = px + side_x * offset + dir_x * palm * 0.6;
        const double by = py + side_y * offset + dir_y * palm * 0.6;
        const double tx = bx + dir_x * length;
        const double ty = by + dir_y * length;
        cv::line(frame, fixed(bx, by), fixed(tx, ty), skin, std::max(2, static_cast<int>(0.02 * H)),
                 cv::LINE_AA, kShift);
        fingers_box.push_back(fixed(tx, ty));
    }
    const double thumb_x = px + side_x * 0.05 * H + dir_x * 0.02 * H;
    const double thumb_y = py + side_y * 0.05 * H + dir_y * 0.02 * H;
    cv::line(frame, fixed(px, py), fixed(thumb_x + dir_x * 0.03 * H, thumb_y + dir_y * 0.03 * H),
             skin, std::max(2, static_cast<int>(0.022 * H)), cv::LINE_AA, kShift);
    const auto palm_poly = ellipse(0, 0, 1.0, 1.0, 20);
    std::vector<cv::Point> palm_points;
    for (const auto& p : palm_poly) {
        palm_points.push_back(fixed(px + p.x * palm, py + p.y * palm * 0.85));
    }
    fillSolid(frame, palm_points, skin);
    outline(frame, palm_points, shade);
    fingers_box.insert(fingers_box.end(), palm_points.begin(), palm_points.end());
    fingers_box.push_back(fixed(thumb_x + dir_x * 0.03 * H, thumb_y + dir_y * 0.03 * H));
    return fixedBounds(fingers_box);
}

}  // namespace actbert::synth
