// Package ner finds named entities (PER, LOC, ORG, MISC: the ANERcorp label
// set) in Arabic news, in pure Go, with spans in code points of the
// original text.
//
// The tagger is a first-order linear chain over BILOU labels (a name's
// Begin, Inside and Last word, or a Unit name of one word; callers see BIO
// tags), decoded with Viterbi under BILOU constraints and trained as an
// averaged structured perceptron on hashed sparse features (a CRF learner is here too, for
// comparison: it scores the same, see MODEL.md). TrainOptions.Mix trains several
// perceptrons with different seeds and keeps the mean of their weights: one
// linear scorer, less dependent on the shuffling. Features read words through
// package arabic (Key, Norm, Segment), so that training on CoNLL tokens and
// tagging raw news see words the same way:
//
//   - the word's key, its stem without proclitics and its stem without the
//     article, its proclitics;
//   - neighbouring words and stems (±2), word bigrams;
//   - prefixes, suffixes and character trigrams of the stem, and how
//     name-like its letters are (a character-trigram log ratio between the
//     names of the lists, mostly transliterated, and common words; nameModel);
//   - shape (script, digits), length, corpus frequency, sentence start;
//   - word clusters learned from unlabelled news (package wordclust):
//     skip-gram embeddings clustered with k-means, and exchange classes of
//     a class bigram model read forwards and backwards, at up to 8
//     granularities in all;
//   - membership of the word, its neighbours and multi-word phrases in name
//     lists (places, countries, organisations and persons of the knowledge
//     base, given names).
//
// Tagging runs in two stages. Stage 2 tags each sentence again with
// features saying how stage 1 tagged the same stems in the sentences around
// it (20 before and after), and the stage-1 labels around the word; it is
// trained on stage-1 labels predicted by models that had not seen the
// sentence (jackknifing), so that it learns how far to trust them. A name
// recognised once in an article is then recognised at its other mentions.
// A model may also run a pass after decoding (ModelInfo.Propagate,
// propagate.go) that gives a name tagged with enough confidence its type
// where the same words stand untagged in the sentences around.
//
// Each entity's confidence (ModelInfo.ScoreTemperature, confidence.go) is
// the probability of that entity under the final scores read as a CRF.
//
// A model is one gzip-compressed file (see file.go): weights quantised to
// 16 bits, the clusters and the name lists, so that a model is
// self-contained. The default model is embedded in the binary (Default);
// Load reads another. Train and "marsad train ner" make one from CoNLL
// files; "marsad eval ner" scores one, conlleval style.
package ner
