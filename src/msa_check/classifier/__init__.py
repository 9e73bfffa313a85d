"""The sentence classifier: load and score, train, word vectors, the labelled-corpus reader."""
