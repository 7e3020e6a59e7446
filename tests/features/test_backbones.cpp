// Tests of the feature backbones: 3D ResNets, RoI-align (against a direct per-sample
// computation of torchvision's documented algorithm), the region network, learned regions.

#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "models/backbones/learned_regions.h"
#include "models/backbones/r3d.h"
#include "models/backbones/region_feature_net.h"
#include "models/backbones/roi_align.h"

#include <torch/torch.h>

using namespace actbert::models::backbones;

namespace {

// torchvision's roi_align, one sample at a time, exactly as its reference CPU kernel
// describes it: the independent computation the vectorised version is checked against.
double bilinear(const torch::TensorAccessor<float, 2>& map, int64_t height, int64_t width, double y,
                double x) {
    if (y < -1.0 || y > height || x < -1.0 || x > width) {
        return 0.0;
    }
    y = std::max(y, 0.0);
    x = std::max(x, 0.0);
    auto y_low = static_cast<int64_t>(y);
    auto x_low = static_cast<int64_t>(x);
    int64_t y_high = y_low + 1;
    int64_t x_high = x_low + 1;
    if (y_low >= height - 1) {
        y_high = y_low = height - 1;
        y = static_cast<double>(y_low);
    }
    if (x_low >= width - 1) {
        x_high = x_low = width - 1;
        x = static_cast<double>(x_low);
    }
    const double ly = y - y_low;
    const double lx = x - x_low;
    const double hy = 1.0 - ly;
    const double hx = 1.0 - lx;
    return hy * hx * map[y_low][x_low] + hy * lx * map[y_low][x_high] +
           ly * hx * map[y_high][x_low] + ly * lx * map[y_high][x_high];
}

torch::Tensor directRoiAlign(const torch::Tensor& features, const torch::Tensor& boxes,
                             const RoiAlignOptions& o) {
    const int64_t channels = features.size(1);
    const int64_t height = features.size(2);
    const int64_t width = features.size(3);
    auto out = torch::zeros({boxes.size(0), channels, o.output_height, o.output_width});
    auto out_a = out.accessor<float, 4>();
    const auto f = features.accessor<float, 4>();
    const auto b = boxes.accessor<float, 2>();
    const double offset = o.aligned == RoiAligned::HalfPixel ? 0.5 : 0.0;
    for (int64_t k = 0; k < boxes.size(0); ++k) {
        const auto batch = static_cast<int64_t>(b[k][0]);
        const double x1 = b[k][1] * o.spatial_scale - offset;
        const double y1 = b[k][2] * o.spatial_scale - offset;
        double roi_w = b[k][3] * o.spatial_scale - offset - x1;
        double roi_h = b[k][4] * o.spatial_scale - offset - y1;
        if (o.aligned == RoiAligned::Legacy) {
            roi_w = std::max(roi_w, 1.0);
            roi_h = std::max(roi_h, 1.0);
        }
        const double bin_h = roi_h / o.output_height;
        const double bin_w = roi_w / o.output_width;
        const int64_t grid_h =
            o.sampling_ratio > 0 ? o.sampling_ratio : static_cast<int64_t>(std::ceil(bin_h));
        const int64_t grid_w =
            o.sampling_ratio > 0 ? o.sampling_ratio : static_cast<int64_t>(std::ceil(bin_w));
        const double count = std::max<int64_t>(grid_h * grid_w, 1);
        for (int64_t c = 0; c < channels; ++c) {
            const auto map = f[batch][c];
            for (int64_t ph = 0; ph < o.output_height; ++ph) {
                for (int64_t pw = 0; pw < o.output_width; ++pw) {
                    double sum = 0.0;
                    for (int64_t iy = 0; iy < grid_h; ++iy) {
                        const double y = y1 + ph * bin_h + (iy + 0.5) * bin_h / grid_h;
                        for (int64_t ix = 0; ix < grid_w; ++ix) {
                            const double x = x1 + pw * bin_w + (ix + 0.5) * bin_w / grid_w;
                            sum += bilinear(map, height, width, y, x);
                        }
                    }
                    out_a[k][c][ph][pw] = static_cast<float>(sum / count);
                }
            }
        }
    }
    return out;
}

}  // namespace

class TestBackbones : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(7); }

    void r3dGivesOneFeaturePerClip() {
        R3d tiny(R3dConfig::tiny());
        tiny->eval();
        torch::NoGradGuard no_grad;
        // [batch, channels, frames, height, width]
        const auto features = tiny->forward(torch::randn({3, 3, 8, 32, 32}));
        QCOMPARE(features.sizes().vec(), (std::vector<int64_t>{3, 32}));
        QVERIFY(torch::isfinite(features).all().item<bool>());
        // Different clips give different features.
        QVERIFY((features[0] - features[1]).abs().max().item<float>() > 1e-6);
    }

    void standardArchitecturesHaveThePaperFeatureWidths() {
        torch::NoGradGuard no_grad;
        R3d r18(R3dConfig::r3d18());
        r18->eval();
        QCOMPARE(r18->forward(torch::randn({1, 3, 4, 32, 32})).size(1), int64_t{512});
        R3d r50(R3dConfig::r3d50());
        r50->eval();
        const auto features = r50->forward(torch::randn({1, 3, 4, 32, 32}));
        QCOMPARE(features.size(1), int64_t{2048});
        QVERIFY(torch::isfinite(features).all().item<bool>());
        // R3D-18 with a 2048-d feature gets a projection.
        auto config = R3dConfig::r3d18();
        config.feature_dim = 2048;
        R3d projected(config);
        projected->eval();
        QCOMPARE(projected->forward(torch::randn({1, 3, 4, 32, 32})).size(1), int64_t{2048});
        // Parameter counts in the expected ballpark (R3D-18 ~33M, R3D-50-style ~46M).
        auto count = [](torch::nn::Module& module) {
            int64_t total = 0;
            for (const auto& p : module.parameters()) {
                total += p.numel();
            }
            return total;
        };
        QVERIFY(count(*r18) > 30'000'000 && count(*r18) < 36'000'000);
        QVERIFY(count(*r50) > 40'000'000 && count(*r50) < 50'000'000);
    }

    void r3dConfigRoundTripsAndRejectsNonsense() {
        auto config = R3dConfig::r3d18();
        config.num_classes = 17;
        const auto back = R3dConfig::fromJson(config.toJson());
        QCOMPARE(back.toJson().dump(), config.toJson().dump());
        auto bad = config.toJson();
        bad["widths"] = {64, 128};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, R3dConfig::fromJson(bad));
        bad = config.toJson();
        bad["feature_dim"] = -3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, R3dConfig::fromJson(bad));
        bad = config.toJson();
        bad["block"] = "wide";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, R3dConfig::fromJson(bad));
        bad = config.toJson();
        bad["layers"] = "many";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, R3dConfig::fromJson(bad));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, R3dConfig::fromArch("r3d99"));
    }

    void classifierHeadOnlyWhenAskedFor() {
        auto config = R3dConfig::tiny();
        R3d plain(config);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, plain->classify(torch::randn({1, 32})));
        config.num_classes = 5;
        R3d head(config);
        QCOMPARE(head->classify(head->forward(torch::randn({2, 3, 8, 32, 32}))).sizes().vec(),
                 (std::vector<int64_t>{2, 5}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, head->forward(torch::randn({2, 3, 32})));
    }

    void tinyR3dLearnsMotionDirection() {
        // Clips of a bright bar moving left or right: only motion tells them apart, so a 3D
        // network that learns this uses time.
        auto config = R3dConfig::tiny();
        config.num_classes = 2;
        R3d model(config);
        torch::optim::Adam optimiser(model->parameters(), torch::optim::AdamOptions(3e-3));
        auto makeBatch = [](int64_t size) {
            auto clips = torch::zeros({size, 3, 8, 32, 32});
            auto labels = torch::randint(0, 2, {size}, torch::kLong);
            for (int64_t i = 0; i < size; ++i) {
                const int64_t start = torch::randint(0, 8, {1}).item<int64_t>();
                const bool right = labels[i].item<int64_t>() == 1;
                for (int64_t t = 0; t < 8; ++t) {
                    const int64_t x = right ? start + 2 * t : 31 - start - 2 * t;
                    clips.index_put_({i, torch::indexing::Slice(), t, torch::indexing::Slice(),
                                      std::clamp<int64_t>(x, 0, 31)},
                                     1.0);
                }
            }
            return std::make_pair(clips, labels);
        };
        model->train();
        for (int step = 0; step < 60; ++step) {
            auto [clips, labels] = makeBatch(16);
            const auto loss =
                torch::cross_entropy_loss(model->classify(model->forward(clips)), labels);
            optimiser.zero_grad();
            loss.backward();
            optimiser.step();
        }
        model->eval();
        torch::NoGradGuard no_grad;
        auto [clips, labels] = makeBatch(64);
        const auto predicted = model->classify(model->forward(clips)).argmax(1);
        const double accuracy = predicted.eq(labels).to(torch::kFloat).mean().item<double>();
        QVERIFY2(accuracy > 0.9, qPrintable(QString("accuracy %1").arg(accuracy)));
    }

    void roiAlignMatchesDirectComputation_data() {
        QTest::addColumn<int>("sampling_ratio");
        QTest::addColumn<bool>("half_pixel");
        QTest::addColumn<double>("scale");
        QTest::newRow("adaptive aligned") << 0 << true << 0.25;
        QTest::newRow("adaptive legacy") << -1 << false << 0.25;
        QTest::newRow("ratio 2 aligned") << 2 << true << 0.5;
        QTest::newRow("ratio 3 legacy") << 3 << false << 1.0;
    }
    void roiAlignMatchesDirectComputation() {
        QFETCH(int, sampling_ratio);
        QFETCH(bool, half_pixel);
        QFETCH(double, scale);
        const auto features = torch::randn({2, 3, 9, 11});
        // Boxes inside, straddling the border, tiny, and partly outside the image.
        const auto boxes = torch::tensor({0.f, 3.f,  5.f,  30.f,  20.f,  //
                                          1.f, -6.f, -4.f, 12.f,  9.f,   //
                                          0.f, 10.f, 10.f, 10.5f, 11.f,  //
                                          1.f, 20.f, 15.f, 60.f,  50.f,  //
                                          0.f, 0.f,  0.f,  44.f,  36.f})
                               .reshape({5, 5});
        RoiAlignOptions options;
        options.output_height = 3;
        options.output_width = 4;
        options.spatial_scale = scale;
        options.sampling_ratio = sampling_ratio;
        options.aligned = half_pixel ? RoiAligned::HalfPixel : RoiAligned::Legacy;
        const auto fast = roiAlign(features, boxes, options);
        const auto direct = directRoiAlign(features, boxes, options);
        QCOMPARE(fast.sizes().vec(), (std::vector<int64_t>{5, 3, 3, 4}));
        const float difference = (fast - direct).abs().max().item<float>();
        QVERIFY2(difference < 1e-5, qPrintable(QString("max difference %1").arg(difference)));
        QVERIFY(direct.abs().sum().item<float>() > 0.1f);  // the comparison is not vacuous
    }

    void alignedRoiAlignOfTheWholeMapIsTheMap() {
        // Documented meaning of aligned=True: a box [0, W] x [0, H] with one bin per cell samples
        // the cell centres exactly, so pooling reproduces the map.
        const auto features = torch::randn({1, 2, 5, 7});
        const auto boxes = torch::tensor({0.f, 0.f, 0.f, 7.f, 5.f}).reshape({1, 5});
        RoiAlignOptions options{5, 7, 1.0, 1, RoiAligned::HalfPixel};
        QVERIFY(torch::allclose(roiAlign(features, boxes, options)[0], features[0], 1e-5, 1e-6));
        // Legacy alignment samples half a cell further: on a horizontal ramp f = x every value
        // moves up by 0.5 except where it clamps at the last column.
        const auto ramp = torch::arange(7, torch::kFloat).expand({1, 1, 5, 7}).contiguous();
        options.aligned = RoiAligned::Legacy;
        const auto legacy = roiAlign(ramp, boxes, options);
        QVERIFY(std::abs(legacy[0][0][2][3].item<float>() - 3.5f) < 1e-5);
    }

    void roiAlignIsDifferentiableAndChecksItsInput() {
        auto features = torch::randn({1, 2, 6, 6}, torch::requires_grad());
        const auto boxes = torch::tensor({0.f, 1.f, 1.f, 4.f, 5.f}).reshape({1, 5});
        roiAlign(features, boxes, RoiAlignOptions{2, 2, 1.0, 2}).sum().backward();
        QVERIFY(features.grad().abs().sum().item<float>() > 0);
        const auto bad_batch = torch::tensor({3.f, 1.f, 1.f, 4.f, 5.f}).reshape({1, 5});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 roiAlign(features, bad_batch, RoiAlignOptions{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 roiAlign(features, torch::zeros({2, 4}), RoiAlignOptions{}));
        QCOMPARE(roiAlign(features, torch::zeros({0, 5}), RoiAlignOptions{}).size(0), int64_t{0});
    }

    void regionNetworkPoolsOneFeaturePerBox() {
        RegionFeatureNet net(RegionNetConfig::tiny());
        net->eval();
        torch::NoGradGuard no_grad;
        const auto frames = torch::randn({2, 3, 64, 96});
        const auto map = net->featureMap(frames);
        QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{2, 16, 16, 24}));
        const auto boxes =
            torch::tensor({0.f, 0.f, 0.f, 30.f, 30.f, 1.f, 40.f, 10.f, 90.f, 60.f}).reshape({2, 5});
        const auto features = net->poolRegions(map, boxes);
        QCOMPARE(features.sizes().vec(), (std::vector<int64_t>{2, 16}));
        QCOMPARE(net->cellFeatures(map).sizes().vec(), (std::vector<int64_t>{2, 16 * 24, 16}));
        // The base network's region feature is the paper's 2048-d.
        RegionFeatureNet base(RegionNetConfig::base());
        base->eval();
        const auto base_map = base->featureMap(torch::randn({1, 3, 96, 128}));
        QCOMPARE(base_map.size(1), int64_t{512});
        QCOMPARE(base->poolRegions(base_map, boxes.slice(0, 0, 1)).size(1), int64_t{2048});
    }

    void learnedRegionsAggregateCellsIntoBoxes() {
        LearnedRegions regions(/*dim=*/16, /*regions=*/5, /*codebook_size=*/8);
        const auto cells = torch::randn({2, 4 * 6, 16});
        auto out = regions->forward(cells, 4, 6);
        QCOMPARE(out.features.sizes().vec(), (std::vector<int64_t>{2, 5, 16}));
        QCOMPARE(out.boxes.sizes().vec(), (std::vector<int64_t>{2, 5, 5}));
        QVERIFY(torch::allclose(out.masks.sum(2), torch::ones({2, 5})));
        QVERIFY((out.boxes.slice(2, 0, 4) >= 0).all().item<bool>());
        QVERIFY((out.boxes.slice(2, 0, 4) <= 1).all().item<bool>());
        QVERIFY((out.boxes.select(2, 2) >= out.boxes.select(2, 0)).all().item<bool>());
        QVERIFY(out.codes.max().item<int64_t>() < 8);
        // Gradients reach the input cells through the quantiser (straight-through).
        auto input = cells.clone().requires_grad_(true);
        out = regions->forward(input, 4, 6);
        (out.features.sum() + out.commitment).backward();
        QVERIFY(input.grad().abs().sum().item<float>() > 0);
        // Uniform masks cover the whole frame: box [0, 0, 1, 1], area 1.
        {
            torch::NoGradGuard no_grad;
            for (auto& p : regions->named_parameters()) {
                if (p.key().rfind("mask_logits", 0) == 0) {
                    p.value().zero_();
                }
            }
            const auto uniform = regions->forward(cells, 4, 6).boxes[0][0];
            QVERIFY(torch::allclose(uniform, torch::tensor({0.f, 0.f, 1.f, 1.f, 1.f}), 1e-4, 1e-4));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, regions->forward(cells, 5, 5));
    }
};

QTEST_GUILESS_MAIN(TestBackbones)
#include "test_backbones.moc"
