--- Options, the server command and the `vim.lsp.Config` shared by `lsp/filedesc.lua` and `setup()`.
local M = {}

---@class filedesc.Settings
---@field backend? string `auto`, `rules`, `onnx-int8`, `torch`, or a plugin's backend
---@field language? 'auto'|'en'|'fr' `auto`: the server follows the locale
---@field modelPath? string a model folder instead of the shipped one
---@field codeLens? { enabled?: boolean, references?: boolean }
---@field hover? { enabled?: boolean }
---@field requestTimeout? number seconds

---@class filedesc.ExplorerOptions
---@field enabled? boolean describe the files listed in nvim-tree, neo-tree and oil buffers
---@field mode? 'virtual_text'|'float' end-of-line text, or a float for the entry under the cursor
---@field hl_group? string highlight of the end-of-line text

---@class filedesc.Options
---@field cmd? string[] the server command (default: `filedesc serve`, else `python3 -m filedesc serve`)
---@field settings? filedesc.Settings sent to the server (section `filedesc`)
---@field explorer? filedesc.ExplorerOptions
---@field codelens? boolean refresh code lenses on BufEnter, CursorHold and InsertLeave (Neovim does not by itself)

---@type filedesc.Options
M.defaults = {
  cmd = nil,
  settings = {
    backend = 'auto',
    language = 'auto',
    codeLens = { enabled = true, references = false },
    hover = { enabled = true },
    requestTimeout = 10,
  },
  explorer = { enabled = true, mode = 'virtual_text', hl_group = 'Comment' },
  codelens = true,
}

---@type filedesc.Options
M.options = vim.deepcopy(M.defaults)

--- Whether `set()` ran (else `vim.g.filedesc` is read on first use).
M.configured = false

--- Merge `opts` (from `setup()` or `vim.g.filedesc`) into the options.
---@param opts? filedesc.Options
function M.set(opts)
  M.configured = true
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), vim.g.filedesc or {}, opts or {})
end

--- The command that starts the server: the option, then `filedesc` on PATH, then `python3 -m filedesc`.
---@return string[] cmd
---@return string source where it came from (for :checkhealth)
function M.server_cmd()
  if M.options.cmd then
    return M.options.cmd, 'the cmd option'
  end
  if vim.fn.executable('filedesc') == 1 then
    return { 'filedesc', 'serve' }, 'filedesc on PATH'
  end
  local python = vim.g.python3_host_prog or 'python3'
  return { vim.fn.expand(python), '-m', 'filedesc', 'serve' }, 'python -m filedesc'
end

--- The `vim.lsp.Config`: every buffer (no `filetypes`), one server for all of them.
---@return vim.lsp.Config
function M.lsp_config()
  if not M.configured then
    M.set()
  end
  local settings = vim.deepcopy(M.options.settings or {})
  return {
    name = 'filedesc',
    cmd = (M.server_cmd()),
    root_markers = { '.git' },
    init_options = settings,
    settings = { filedesc = settings },
    -- One server describes names for every project: reuse it whatever the root.
    reuse_client = function(client, config)
      return client.name == config.name
    end,
  }
end

return M
