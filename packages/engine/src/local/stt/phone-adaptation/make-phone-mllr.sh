#!/usr/bin/env bash
# Rebuilds ../phone-channel.mllr: an MLLR transform that adapts Debian's 16 kHz en-us acoustic model to
# speech that came over a phone line (300–3400 Hz, 8 kHz μ-law, then back to 16 kHz as the recogniser
# hears it). Nothing above 3.4 kHz survives the line, and the model's fricatives (/s/, /f/, /th/) live up
# there: a transform learnt from phone-band speech moves the model's means to where that speech now is.
#
# Adaptation speech: 240 caller sentences, each said by flite's kal16 and kal and by one of seven espeak-ng
# American English variants in turn (m1, m2, m4, m7, f1, f3, f4, at the 160 words a minute the corpus
# caller speaks), 720 utterances. None of these is a voice the scenario corpus, the tests or bench:local
# speak with (flite slt, rms, awb; espeak-ng m3, f2), so the transform is never measured on a voice it was
# learnt from. awb was in the set until r6: the corpus calls in awb were then scored on training speech.
# The espeak-ng variants widen the speakers the transform averages over (with flite alone, pocketsphinx
# heard the corpus's espeak-ng calls 3/12); one variant per sentence rather than all seven keeps espeak-ng
# at a third of the data, so the flite voices' fit is not traded away (all seven on every sentence: espeak-ng
# 7/12 but flite 50/60). See RECOGNISER.md for the figures.
#
# Two passes: the first transform is learnt on Baum-Welch alignments with the unadapted model, the second
# on alignments with the model the first one adapted; compose_mllr.py folds them into the one transform
# pocketsphinx applies. One regression class: pocketsphinx 5prealpha applies class 0 only.
#
# Needs the Debian packages flite, espeak-ng, sox, pocketsphinx, pocketsphinx-en-us and sphinxtrain (dev
# time only: the transform is committed, and pocketsphinx applies it with -mllr at run time).
# Usage: packages/engine/src/local/stt/phone-adaptation/make-phone-mllr.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../../../.." && pwd)"
model=/usr/share/pocketsphinx/model/en-us
trainer=/usr/lib/sphinxtrain
flite_voices=(kal16 kal)
espeak_variants=(m1 m2 m4 m7 f1 f3 f4)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wav" "$work/mfc" "$work/hmm"

# phone_line ID: the 16 kHz speech in $work/speech.wav → the phone line → $work/wav/ID.wav
phone_line() {
  sox "$work/speech.wav" -t raw -r 16000 -e signed-integer -b 16 -c 1 - |
    sox -t raw -r 16000 -e signed-integer -b 16 -c 1 - -t raw -r 8000 -e mu-law -b 8 -c 1 - sinc 300-3400 |
    sox -t raw -r 8000 -e mu-law -b 8 -c 1 - -r 16000 -e signed-integer -b 16 -c 1 "$work/wav/$1.wav"
  echo "$1" >> "$work/fileids"
  echo "<s> $sentence </s> ($1)" >> "$work/transcription"
}

(cd "$repo" && npx tsx "$here/sentences.ts") > "$work/sentences.txt"
: > "$work/fileids"
: > "$work/transcription"
index=0
while IFS= read -r sentence; do
  for voice in "${flite_voices[@]}"; do
    flite -voice "$voice" -t "$sentence" -o "$work/speech.wav"
    phone_line "$(printf '%s_%03d' "$voice" "$index")"
  done
  variant="${espeak_variants[$((index % ${#espeak_variants[@]}))]}"
  espeak-ng -v "en-us+$variant" -s 160 -w "$work/speech.wav" "$sentence"
  phone_line "$(printf 'espeak_%s_%03d' "$variant" "$index")"
  index=$((index + 1))
done < "$work/sentences.txt"

for file in variances transition_matrices noisedict feat.params mdef; do
  ln -s "$model/en-us/$file" "$work/hmm/$file"
done
pocketsphinx_mdef_convert -text "$model/en-us/mdef" "$work/hmm/mdef.txt" 2>/dev/null
python3 "$here/sendump_to_mixw.py" "$model/en-us/sendump" "$work/hmm/mixture_weights"
sphinx_fe -argfile "$model/en-us/feat.params" -samprate 16000 -c "$work/fileids" \
  -di "$work/wav" -do "$work/mfc" -ei wav -eo mfc -mswav yes 2> "$work/fe.log"

# adapt PASS MEANS: Baum-Welch counts with MEANS as the model's means, then the transform relative to them
adapt() {
  rm -rf "$work/acc" && mkdir "$work/acc"
  ln -sf "$2" "$work/hmm/means"
  "$trainer/bw" -hmmdir "$work/hmm" -moddeffn "$work/hmm/mdef.txt" -ts2cbfn .ptm. -feat 1s_c_d_dd \
    -svspec 0-12/13-25/26-38 -cmn current -agc none -dictfn "$model/cmudict-en-us.dict" \
    -fdictfn "$work/hmm/noisedict" -ctlfn "$work/fileids" -lsnfn "$work/transcription" \
    -cepdir "$work/mfc" -accumdir "$work/acc" > "$work/bw-$1.log" 2>&1
  "$trainer/mllr_solve" -meanfn "$2" -varfn "$work/hmm/variances" \
    -outmllrfn "$work/pass-$1.mllr" -accumdir "$work/acc" > "$work/mllr-$1.log" 2>&1
}
adapt 1 "$model/en-us/means"
"$trainer/mllr_transform" -inmeanfn "$model/en-us/means" -outmeanfn "$work/means-1" \
  -mllrmat "$work/pass-1.mllr" > "$work/transform-1.log" 2>&1
adapt 2 "$work/means-1"
python3 "$here/compose_mllr.py" "$work/pass-1.mllr" "$work/pass-2.mllr" "$here/../phone-channel.mllr"
echo "wrote $here/../phone-channel.mllr from $(wc -l < "$work/fileids") utterances"
