#include "tests/models/reference_scripts.h"

namespace actbert::tests {

namespace {
// Shared by both scripts: a safetensors writer independent of our C++ code.
#define ACTBERT_SAFETENSORS_WRITER                                                            \
    "import json, struct\n"                                                                   \
    "import numpy as np\n"                                                                    \
    "def save_st(path, tensors):\n"                                                           \
    "    header, blobs, offset = {}, [], 0\n"                                                 \
    "    for name, array in tensors.items():\n"                                               \
    "        array = np.ascontiguousarray(array)\n"                                           \
    "        kind = {'float32': 'F32', 'int64': 'I64', 'float64': 'F64'}[str(array.dtype)]\n" \
    "        data = array.tobytes()\n"                                                        \
    "        header[name] = {'dtype': kind, 'shape': list(array.shape),\n"                    \
    "                        'data_offsets': [offset, offset + len(data)]}\n"                 \
    "        offset += len(data)\n"                                                           \
    "        blobs.append(data)\n"                                                            \
    "    head = json.dumps(header).encode()\n"                                                \
    "    head += b' ' * ((8 - len(head) % 8) % 8)\n"                                          \
    "    with open(path, 'wb') as f:\n"                                                       \
    "        f.write(struct.pack('<Q', len(head)) + head + b''.join(blobs))\n"
}  // namespace

const char* const kBertReferenceScript = ACTBERT_SAFETENSORS_WRITER R"PY(
import math, sys
import torch
out, prefix, layers = sys.argv[1], sys.argv[2], int(sys.argv[3])
torch.manual_seed(0)
H, NH, I, V, P, T, EPS = 32, 4, 64, 120, 64, 2, 1e-12
W = {}
def lin(name, i, o):
    W[name + '.weight'] = torch.randn(o, i) * 0.2
    W[name + '.bias'] = torch.randn(o) * 0.1
def norm(name):
    W[name + '.weight'] = 1 + torch.randn(H) * 0.1
    W[name + '.bias'] = torch.randn(H) * 0.1
W['embeddings.word_embeddings.weight'] = torch.randn(V, H) * 0.5
W['embeddings.position_embeddings.weight'] = torch.randn(P, H) * 0.5
W['embeddings.token_type_embeddings.weight'] = torch.randn(T, H) * 0.5
norm('embeddings.LayerNorm')
for l in range(layers):
    p = 'encoder.layer.%d.' % l
    for part in ('query', 'key', 'value'):
        lin(p + 'attention.self.' + part, H, H)
    lin(p + 'attention.output.dense', H, H)
    norm(p + 'attention.output.LayerNorm')
    lin(p + 'intermediate.dense', H, I)
    lin(p + 'output.dense', I, H)
    norm(p + 'output.LayerNorm')
lin('pooler.dense', H, H)
tensors = {prefix + k: v.numpy() for k, v in W.items()}
tensors[prefix + 'embeddings.position_ids'] = np.arange(P, dtype=np.int64)[None]
save_st(out + '/model.safetensors', tensors)
json.dump({'hidden_size': H, 'num_hidden_layers': layers, 'num_attention_heads': NH,
           'intermediate_size': I, 'vocab_size': V, 'max_position_embeddings': P,
           'type_vocab_size': T, 'layer_norm_eps': EPS, 'hidden_act': 'gelu',
           'model_type': 'bert'}, open(out + '/config.json', 'w'))

# A plain BERT in float64: embeddings, then post-LayerNorm layers with exact-erf GELU.
D = {k: v.double() for k, v in W.items()}
ids = torch.tensor([[1, 7, 20, 33, 2, 0], [1, 9, 2, 0, 0, 0]])
mask = torch.tensor([[1, 1, 1, 1, 1, 0], [1, 1, 1, 0, 0, 0]])
B, L = ids.shape
def layer_norm(x, name):
    return torch.nn.functional.layer_norm(x, (H,), D[name + '.weight'], D[name + '.bias'], EPS)
def linear(x, name):
    return x @ D[name + '.weight'].T + D[name + '.bias']
def heads(x):
    return x.view(B, L, NH, H // NH).transpose(1, 2)
x = D['embeddings.word_embeddings.weight'][ids] + D['embeddings.position_embeddings.weight'][:L] \
    + D['embeddings.token_type_embeddings.weight'][torch.zeros_like(ids)]
x = layer_norm(x, 'embeddings.LayerNorm')
additive = ((1.0 - mask.double()) * -10000.0)[:, None, None, :]
for l in range(layers):
    p = 'encoder.layer.%d.' % l
    q, k, v = (heads(linear(x, p + 'attention.self.' + n)) for n in ('query', 'key', 'value'))
    scores = q @ k.transpose(-1, -2) / math.sqrt(H // NH) + additive
    context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, L, H)
    attended = layer_norm(linear(context, p + 'attention.output.dense') + x,
                          p + 'attention.output.LayerNorm')
    inner = torch.nn.functional.gelu(linear(attended, p + 'intermediate.dense'))
    x = layer_norm(linear(inner, p + 'output.dense') + attended, p + 'output.LayerNorm')
save_st(out + '/expected.safetensors', {'ids': ids.numpy(), 'mask': mask.numpy(),
                                        'hidden': x.float().numpy()})
)PY";

const char* const kPaddleReferenceScript = ACTBERT_SAFETENSORS_WRITER R"PY(
import math, pickle, sys
from collections import OrderedDict
out, protocol = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)
Ht, Hr, Ha, BI = 32, 48, 32, 40
It, Ir, Ia = 64, 48, 64
NT, NR, NA, NB = 4, 4, 4, 4
V, P, T, FA, FR, A, C = 120, 64, 2, 24, 20, 11, 13
LT, LR, LA = 3, 2, 3
T_IDS, V_IDS, A_IDS = [1, 2], [0, 1], [0, 1]
W = OrderedDict()
def lin(name, i, o):
    W[name + '.weight'] = (rng.standard_normal((i, o)) * 0.2).astype(np.float32)
    W[name + '.bias'] = (rng.standard_normal(o) * 0.1).astype(np.float32)
def norm(name, h):
    W[name + '.weight'] = (1 + rng.standard_normal(h) * 0.1).astype(np.float32)
    W[name + '.bias'] = (rng.standard_normal(h) * 0.1).astype(np.float32)
def table(name, n, h):
    W[name + '.weight'] = (rng.standard_normal((n, h)) * 0.5).astype(np.float32)
def bert_layer(p, h, i):
    for part in ('query', 'key', 'value'):
        lin(p + 'attention.self.' + part, h, h)
    lin(p + 'attention.output.dense', h, h)
    norm(p + 'attention.output.LayerNorm', h)
    lin(p + 'intermediate.dense', h, i)
    lin(p + 'output.dense', i, h)
    norm(p + 'output.LayerNorm', h)
table('bert.embeddings.word_embeddings', V, Ht)
table('bert.embeddings.position_embeddings', P, Ht)
table('bert.embeddings.token_type_embeddings', T, Ht)
norm('bert.embeddings.LayerNorm', Ht)
lin('bert.v_embeddings.image_embeddings', FR, Hr)
lin('bert.v_embeddings.image_location_embeddings', 5, Hr)
norm('bert.v_embeddings.LayerNorm', Hr)
lin('bert.a_embeddings.action_embeddings', FA, Ha)
norm('bert.a_embeddings.LayerNorm', Ha)
for l in range(LT): bert_layer('bert.encoder.layer.%d.' % l, Ht, It)
for l in range(LR): bert_layer('bert.encoder.v_layer.%d.' % l, Hr, Ir)
for l in range(LA): bert_layer('bert.encoder.a_layer.%d.' % l, Ha, Ia)
for c in range(len(T_IDS)):
    p = 'bert.encoder.c_layer.%d.' % c
    for n, h in (('1', Hr), ('2', Ht), ('3', Ha)):
        for part in ('query', 'key', 'value'):
            lin(p + 'ent_attention.' + part + n, h, BI)
    for part in ('key_at', 'value_at', 'key_av', 'value_av'):
        lin(p + 'ent_attention.' + part, BI, BI)
    lin(p + 'ent_output.dense1', BI, Hr); norm(p + 'ent_output.LayerNorm1', Hr)
    lin(p + 'ent_output.dense2', BI, Ht); norm(p + 'ent_output.LayerNorm2', Ht)
    lin(p + 'ent_output.dense3', BI, Ht); norm(p + 'ent_output.LayerNorm3', Ht)
    for s, h, i in (('v', Hr, Ir), ('t', Ht, It), ('a', Ha, Ia)):
        lin(p + s + '_intermediate.dense', h, i)
        lin(p + s + '_output.dense', i, h)
        norm(p + s + '_output.LayerNorm', h)
lin('bert.t_pooler.dense', Ht, BI)
lin('bert.v_pooler.dense', Hr, BI)
lin('bert.a_pooler.dense', Ha, BI)
lin('cls.predictions.transform.dense', Ht, Ht)
norm('cls.predictions.transform.LayerNorm', Ht)
W['cls.predictions.decoder_weight'] = W['bert.embeddings.word_embeddings.weight']
W['cls.predictions.decoder_bias'] = (rng.standard_normal(V) * 0.1).astype(np.float32)
lin('cls.seq_relationship', BI, 2)
lin('cls.imagePredictions.transform.dense', Hr, Hr)
norm('cls.imagePredictions.transform.LayerNorm', Hr)
lin('cls.imagePredictions.decoder', Hr, C)
lin('cls.actionPredictions.transform.dense', Ha, Ha)
norm('cls.actionPredictions.transform.LayerNorm', Ha)
lin('cls.actionPredictions.decoder', Ha, A)
state = {'backbone.' + k: v for k, v in W.items()}
state['StructuredToParameterName@@'] = {'backbone.' + k: 'param_%d' % i for i, k in enumerate(W)}
with open(out + '/actbert.pdparams', 'wb') as f:
    pickle.dump(state, f, protocol=protocol)

# PaddleVideo's forward (BertForMultiModalPreTraining, eval mode) in float64.
D = {k: v.astype(np.float64) for k, v in W.items()}
erf = np.vectorize(math.erf)
def gelu(x): return 0.5 * x * (1 + erf(x / math.sqrt(2)))
def linear(x, n): return x @ D[n + '.weight'] + D[n + '.bias']
def layer_norm(x, n):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-12) * D[n + '.weight'] + D[n + '.bias']
def heads(x, nh):
    b, l, d = x.shape
    return x.reshape(b, l, nh, d // nh).transpose(0, 2, 1, 3)
def attend(q, k, v, mask):
    s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(q.shape[-1]) + mask
    e = np.exp(s - s.max(-1, keepdims=True))
    c = (e / e.sum(-1, keepdims=True)) @ v
    b, h, l, d = c.shape
    return c.transpose(0, 2, 1, 3).reshape(b, l, h * d)
def interp(x, length):
    source = x.shape[1]
    return x[:, [j * source // length for j in range(length)]]
def bert(x, mask, p, nh):
    q, k, v = (heads(linear(x, p + 'attention.self.' + n), nh) for n in ('query', 'key', 'value'))
    a = layer_norm(linear(attend(q, k, v, mask), p + 'attention.output.dense') + x,
                   p + 'attention.output.LayerNorm')
    return layer_norm(linear(gelu(linear(a, p + 'intermediate.dense')), p + 'output.dense') + a,
                      p + 'output.LayerNorm')
def connection(v, mv, t, mt, a, ma, p):
    e = p + 'ent_attention.'
    q1, k1, v1 = (heads(linear(v, e + n + '1'), NB) for n in ('query', 'key', 'value'))
    q2, k2, v2 = (heads(linear(t, e + n + '2'), NB) for n in ('query', 'key', 'value'))
    q3, k3, v3 = (heads(linear(a, e + n + '3'), NB) for n in ('query', 'key', 'value'))
    c_av = attend(q3, k1, v1, mv)
    c_at = attend(q3, k2, v2, mt)
    k2 = k2 + heads(interp(linear(c_av, e + 'key_av'), t.shape[1]), NB)
    k1 = k1 + heads(interp(linear(c_at, e + 'key_at'), v.shape[1]), NB)
    v2 = v2 + heads(interp(linear(c_av, e + 'value_at'), t.shape[1]), NB)
    v1 = v1 + heads(interp(linear(c_at, e + 'value_at'), v.shape[1]), NB)
    o = p + 'ent_output.'
    a1 = layer_norm(linear(attend(q1, k1, v1, mv), o + 'dense1') + v, o + 'LayerNorm1')
    a2 = layer_norm(linear(attend(q2, k2, v2, mt), o + 'dense2') + t, o + 'LayerNorm2')
    a3 = layer_norm(linear(attend(q3, k3, v3, ma), o + 'dense3') + a, o + 'LayerNorm3')
    def ffn(x, s):
        return layer_norm(linear(gelu(linear(x, p + s + '_intermediate.dense')),
                                 p + s + '_output.dense') + x, p + s + '_output.LayerNorm')
    return ffn(a1, 'v'), ffn(a2, 't'), ffn(a3, 'a')

ids = np.array([[1, 17, 5, 99, 42, 2]], dtype=np.int64)
actions = rng.standard_normal((1, 3, FA)).astype(np.float32)
regions = rng.standard_normal((1, 4, FR)).astype(np.float32)
boxes = rng.uniform(0, 1, (1, 4, 5)).astype(np.float32)
# PaddleVideo's loader puts the global region first: mean feature, whole-frame box.
image = np.concatenate([regions.mean(1, keepdims=True), regions], 1).astype(np.float64)
loc = np.concatenate([np.array([[[0, 0, 1, 1, 1]]]), boxes], 1).astype(np.float64)
t = layer_norm(D['bert.embeddings.word_embeddings.weight'][ids]
               + D['bert.embeddings.position_embeddings.weight'][:ids.shape[1]]
               + D['bert.embeddings.token_type_embeddings.weight'][0], 'bert.embeddings.LayerNorm')
v = layer_norm(linear(image, 'bert.v_embeddings.image_embeddings')
               + linear(loc, 'bert.v_embeddings.image_location_embeddings'),
               'bert.v_embeddings.LayerNorm')
a = layer_norm(linear(actions.astype(np.float64), 'bert.a_embeddings.action_embeddings'),
               'bert.a_embeddings.LayerNorm')
mt = np.zeros((1, 1, 1, t.shape[1])); mv = np.zeros((1, 1, 1, v.shape[1]))
ma = np.zeros((1, 1, 1, a.shape[1]))
ts = vs = as_ = 0
for c, (te, ve, ae) in enumerate(zip(T_IDS, V_IDS, A_IDS)):
    for i in range(vs, ve): v = bert(v, mv, 'bert.encoder.v_layer.%d.' % i, NR)
    for i in range(as_, ae): a = bert(a, ma, 'bert.encoder.a_layer.%d.' % i, NA)
    for i in range(ts, te): t = bert(t, mt, 'bert.encoder.layer.%d.' % i, NT)
    v, t, a = connection(v, mv, t, mt, a, ma, 'bert.encoder.c_layer.%d.' % c)
    ts, vs, as_ = te, ve, ae
for i in range(vs, LR): v = bert(v, mv, 'bert.encoder.v_layer.%d.' % i, NR)
for i in range(as_, LA): a = bert(a, ma, 'bert.encoder.a_layer.%d.' % i, NA)
for i in range(ts, LT): t = bert(t, mt, 'bert.encoder.layer.%d.' % i, NT)
pool = lambda x, n: np.maximum(linear(x[:, 0], n), 0)
pt, pv, pa = pool(t, 'bert.t_pooler.dense'), pool(v, 'bert.v_pooler.dense'), pool(a, 'bert.a_pooler.dense')
transform = lambda x, n: layer_norm(gelu(linear(x, n + '.transform.dense')), n + '.transform.LayerNorm')
scores_t = transform(t, 'cls.predictions') @ D['cls.predictions.decoder_weight'].T \
    + D['cls.predictions.decoder_bias']
matching = linear(pt * pv + pa, 'cls.seq_relationship')
f32 = lambda x: x.astype(np.float32)
save_st(out + '/expected.safetensors', {
    'ids': ids, 'actions': actions, 'regions': regions, 'boxes': boxes,
    'text': f32(t), 'region': f32(v), 'action': f32(a), 'pooled_text': f32(pt),
    'pooled_region': f32(pv), 'pooled_action': f32(pa), 'scores_text': f32(scores_t),
    'matching': f32(matching)})
)PY";

#undef ACTBERT_SAFETENSORS_WRITER

}  // namespace actbert::tests
