"""The classifier: estimator, baselines, training data, training, evaluation, model files."""
