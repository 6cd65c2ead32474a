--- filedesc for Neovim: hovers, code lenses and explorer descriptions from the filedesc language server.
---
--- Neovim 0.11+: `vim.lsp.enable('filedesc')` is enough (`lsp/filedesc.lua`). `require('filedesc').setup(opts)` does
--- the same with options, and also works on Neovim 0.10 (no `vim.lsp.config` there).
local compat = require('filedesc.compat')
local config = require('filedesc.config')

local M = {}

local group = vim.api.nvim_create_augroup('filedesc', { clear = false })

--- Start the server for a buffer through `vim.lsp.start` (0.10, and 0.11 buffers with no filetype).
---@param bufnr integer
local function start(bufnr)
  if vim.bo[bufnr].buftype ~= '' or vim.api.nvim_buf_get_name(bufnr) == '' then
    return
  end
  local lsp_config = compat.has_011 and vim.lsp.config.filedesc or config.lsp_config()
  lsp_config = vim.deepcopy(lsp_config)
  lsp_config.root_dir = vim.fs.root(bufnr, lsp_config.root_markers or { '.git' })
    or vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr))
  vim.lsp.start(lsp_config, { bufnr = bufnr, reuse_client = lsp_config.reuse_client })
end

--- Configure and enable the server for every buffer.
---@param opts? filedesc.Options
function M.setup(opts)
  config.set(opts)
  if compat.has_011 then
    vim.lsp.config('filedesc', config.lsp_config())
    vim.lsp.enable('filedesc')
  else
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      callback = function(args)
        start(args.buf)
      end,
    })
  end
  -- `vim.lsp.enable` waits for FileType, which buffers without a filetype (NOTES, LICENSE) never send.
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    group = group,
    callback = function(args)
      vim.schedule(function()
        if vim.api.nvim_buf_is_valid(args.buf) and vim.bo[args.buf].filetype == '' then
          start(args.buf)
        end
      end)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and (not compat.has_011 or vim.bo[bufnr].filetype == '') then
      start(bufnr)
    end
  end
end

--- Called on `LspAttach` for filedesc clients: code lenses (Neovim does not refresh them by itself), explorers.
---@param client vim.lsp.Client
---@param bufnr integer
function M.on_attach(client, bufnr)
  if package.loaded['filedesc.explorer'] then
    -- Explorer buffers opened before the server started are described now.
    vim.schedule(require('filedesc.explorer').refresh)
  end
  if config.options.codelens == false or not client.server_capabilities.codeLensProvider then
    return
  end
  vim.api.nvim_create_autocmd({ 'BufEnter', 'CursorHold', 'InsertLeave' }, {
    group = vim.api.nvim_create_augroup('filedesc.codelens.' .. bufnr, { clear = true }),
    buffer = bufnr,
    callback = function()
      vim.lsp.codelens.refresh({ bufnr = bufnr })
    end,
  })
  vim.lsp.codelens.refresh({ bufnr = bufnr })
end

--- Change settings in every running server (and for servers started later), without a restart.
---@param changes filedesc.Settings
function M.update_settings(changes)
  config.options.settings = vim.tbl_deep_extend('force', config.options.settings or {}, changes)
  if compat.has_011 then
    vim.lsp.config('filedesc', { settings = { filedesc = config.options.settings } })
  end
  for _, client in ipairs(compat.clients()) do
    -- Neovim answers the server's `workspace/configuration` from `client.settings`: keep it in step.
    client.settings = vim.tbl_deep_extend('force', client.settings or {}, { filedesc = config.options.settings })
    compat.notify(client, 'workspace/didChangeConfiguration', { settings = { filedesc = client.settings.filedesc } })
  end
  require('filedesc.explorer').reset()
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and #compat.clients() > 0 then
      pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
    end
  end
end

--- `:FiledescBackend {name}`: switch the backend live.
---@param name string
function M.set_backend(name)
  M.update_settings({ backend = name })
  vim.notify(('filedesc: backend %s'):format(name), vim.log.levels.INFO)
end

--- Describe `names` through the batch request.
---@param names string[]
---@param callback fun(items: table[]?, err: string?)
---@param lang? 'en'|'fr'
function M.describe(names, callback, lang)
  local client = compat.clients()[1]
  if not client then
    return callback(nil, 'the filedesc server is not running')
  end
  compat.request(client, 'filedesc/describe', { names = names, lang = lang or vim.NIL }, function(err, result)
    if err then
      return callback(nil, err.message)
    end
    callback(result and result.items or {}, nil)
  end)
end

--- `:FiledescRegenerate [name]`: write a name's description again, bypassing the cache.
---@param name? string default: the current file's name
function M.regenerate(name)
  name = (name and name ~= '') and name or vim.fs.basename(vim.api.nvim_buf_get_name(0))
  local client = compat.clients()[1]
  if not client or name == '' then
    return vim.notify('filedesc: no server running or no name given', vim.log.levels.WARN)
  end
  local params = { command = 'filedesc.regenerate', arguments = { name } }
  compat.request(client, 'workspace/executeCommand', params, function(err, result)
    if err then
      return vim.notify('filedesc: ' .. err.message, vim.log.levels.ERROR)
    end
    require('filedesc.explorer').reset()
    vim.notify(('%s: %s'):format(name, result and result.description or '?'))
  end)
end

--- `:FiledescDescribe [name]`: print one name's description (the current file's by default).
---@param name? string
function M.describe_command(name)
  name = (name and name ~= '') and name or vim.fs.basename(vim.api.nvim_buf_get_name(0))
  M.describe({ name }, function(items, err)
    vim.schedule(function()
      local item = items and items[1]
      if err or not item then
        return vim.notify('filedesc: ' .. (err or 'no answer'), vim.log.levels.WARN)
      end
      vim.notify(('%s: %s'):format(name, item.description or item.error))
    end)
  end)
end

return M
