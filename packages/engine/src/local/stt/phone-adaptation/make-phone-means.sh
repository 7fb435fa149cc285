#!/usr/bin/env bash
# Rebuilds ../phone-channel.means: the Gaussian means of Debian's 16 kHz en-us acoustic model, adapted to
# callers on a phone line by MAP (maximum a posteriori) adaptation. The model copy the recogniser loads for
# phone calls (model-files.ts) uses these means in place of Debian's; everything else is Debian's.
#
# Why MAP and not only the MLLR transform (phone-channel.mllr): one global MLLR transform moves every mean the
# same way, which fixed the phone band for flite voices, but espeak-ng voices were still heard at 0.42–0.45
# WER. MAP moves each of the model's 16,128 Gaussians towards the speech it was aligned with, weighted against
# the prior by tau; starting from the MLLR-transformed means keeps the phone band's shift for Gaussians the
# adaptation speech rarely reaches. tau 100 measured best (RECOGNISER.md): Bayesian MAP (no tau) heard espeak-ng
# a little better but broke the first utterance of a call by slt ("when is my appointment" → "janet my
# appointment"), as did tau 30 and 50.
#
# Adaptation speech, 960 utterances: 240 caller sentences (sentences.ts), each spoken by flite kal16, kal16
# pitched up 500 cents and kal pitched up 400 cents (the female register, which flite has no other voice for),
# and one of fourteen espeak-ng voices in turn. None of them is a voice the corpus, the tests or the benchmarks
# speak with (flite slt, rms, awb; espeak-ng en-us+m3, en-us+f2), so every figure is on unseen voices.
# Needs the Debian packages flite, espeak-ng, sox, pocketsphinx, pocketsphinx-en-us and sphinxtrain (dev time
# only: the means are committed, 838 KB).
# The sentences are drawn from the corpus generator (sentences.ts), so a change to its templates changes them:
# rebuild, and measure again, after one.
# Usage: packages/engine/src/local/stt/phone-adaptation/make-phone-means.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wav" "$work/map"
# shellcheck source=adaptation-steps.sh
. "$here/adaptation-steps.sh"

fixed=(kal16 pitch:kal16:500 pitch:kal:400)
rotating=(
  espeak:en-us+m1@160 espeak:en-us+f1@160 espeak:en-us+m2@170 espeak:en-us+f3@150 espeak:en-us+m4@150
  espeak:en-us+f4@170 espeak:en-us+m5@160 espeak:en-us+f5@160 espeak:en-us+m6@170 espeak:en-gb-scotland@160
  espeak:en-us+m7@160 espeak:en-gb-x-rp+f1@160 espeak:en-029@160 espeak:en-us@160
)

(cd "$repo" && npx tsx "$here/sentences.ts") > "$work/sentences.txt"
: > "$work/fileids"
: > "$work/transcription"
index=0
while IFS= read -r sentence; do
  for voice in "${fixed[@]}" "${rotating[$((index % ${#rotating[@]}))]}"; do
    add_utterance "$voice" "$sentence" "$index"
  done
  index=$((index + 1))
done < "$work/sentences.txt"

# The prior: Debian's means moved by the phone-line MLLR transform.
"$trainer/mllr_transform" -inmeanfn "$model/en-us/means" -outmeanfn "$work/prior-means" \
  -mllrmat "$here/phone-channel.mllr" > "$work/transform.log" 2>&1
prepare_model_copy "$work/prior-means"
accumulate_statistics
"$trainer/map_adapt" -moddeffn "$work/hmm/mdef.txt" -ts2cbfn .ptm. -meanfn "$work/hmm/means" \
  -varfn "$work/hmm/variances" -mixwfn "$work/hmm/mixture_weights" -tmatfn "$work/hmm/transition_matrices" \
  -accumdir "$work" -bayesmean no -fixedtau yes -tau 100 -mapmeanfn "$here/../phone-channel.means" \
  -mapvarfn "$work/map/variances" -mapmixwfn "$work/map/mixture_weights" \
  -maptmatfn "$work/map/transition_matrices" > "$work/map.log" 2>&1
echo "wrote $here/../phone-channel.means from $(wc -l < "$work/fileids") utterances"
