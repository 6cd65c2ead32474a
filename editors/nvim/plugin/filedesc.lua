-- filedesc: commands and autocommands only; the server starts with `vim.lsp.enable('filedesc')` or `setup()`.
if vim.g.loaded_filedesc then
  return
end
vim.g.loaded_filedesc = true

local backends = { 'auto', 'rules', 'onnx-int8', 'onnx-int4', 'onnx-fp32', 'torch' }

vim.api.nvim_create_user_command('FiledescBackend', function(args)
  require('filedesc').set_backend(args.args)
end, {
  nargs = 1,
  desc = 'filedesc: switch the backend of the running server',
  complete = function(lead)
    return vim.tbl_filter(function(name)
      return name:find(lead, 1, true) == 1
    end, backends)
  end,
})
vim.api.nvim_create_user_command('FiledescDescribe', function(args)
  require('filedesc').describe_command(args.args)
end, { nargs = '?', desc = 'filedesc: describe a file name (default: this file)' })
vim.api.nvim_create_user_command('FiledescRegenerate', function(args)
  require('filedesc').regenerate(args.args)
end, { nargs = '?', desc = 'filedesc: describe a name again, bypassing the cache' })

local group = vim.api.nvim_create_augroup('filedesc.plugin', { clear = true })
vim.api.nvim_create_autocmd('LspAttach', {
  group = group,
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == 'filedesc' then
      require('filedesc').on_attach(client, args.buf)
    end
  end,
})
-- Each explorer's adapter is loaded only when one of its buffers appears.
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = { 'NvimTree', 'neo-tree', 'oil' },
  callback = function(args)
    require('filedesc.explorer').attach(args.buf, args.match)
  end,
})
