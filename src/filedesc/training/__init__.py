"""Training: dataset building, tokenizer, model, LoRA fine-tuning, evaluation, export and quantization.

Installed with ``pip install 'filedesc[train]'``. Heavy imports (torch, transformers, peft, optimum) stay inside
the modules of this package, and nothing outside it imports it: serving never needs torch.
"""
