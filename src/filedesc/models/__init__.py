"""The shipped model folders (``<name>-<quant>/`` with ONNX files, ``tokenizer.json`` and ``config.json``)."""
