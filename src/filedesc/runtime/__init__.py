"""What serving a trained model needs, without torch: the tokenizer wrapper, model folders, ONNX decoding."""
