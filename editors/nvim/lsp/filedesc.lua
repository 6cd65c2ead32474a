-- The filedesc language server as a `vim.lsp.Config` (Neovim 0.11+):
--
--   vim.lsp.enable('filedesc')
--   vim.lsp.config('filedesc', { settings = { filedesc = { language = 'fr' } } })   -- optional overrides
--
-- The command, the settings and the attach behaviour live in `filedesc.config`, shared with `setup()` (0.10).
---@type vim.lsp.Config
return require('filedesc.config').lsp_config()
