import assert from 'node:assert/strict';
import { parseIniText } from '../../../server/src/checkpoint/iniReader';
import { parseIniAddrRange, storeRole, takeConfigFromIni } from '../../../server/src/checkpoint/takeConfig';
import {
  composableBoardLayout, configIniText, gem5DmBoardLayout, GiB, sstBoardLayout, type FixtureMemory,
} from '../../support/checkpointWriter';

function rolesFor(memories: FixtureMemory[]) {
  const config = takeConfigFromIni(parseIniText(configIniText({ memories })), '/x/config.ini');
  return config.stores.map((s) => ({ role: storeRole(s, config), start: s.start, memories: s.memories }));
}

describe("take run's config.ini → store roles (domain-spec §1.4)", () => {
  it('parses gem5 AddrRange ini text with exclusive end and interleaving masks', () => {
    assert.deepEqual(parseIniAddrRange('2147483648:4294967296'), { start: 2147483648n, end: 4294967296n, interleaved: false });
    assert.equal(parseIniAddrRange('2147483648:6442450944:1:64')!.interleaved, true);
    assert.equal(parseIniAddrRange('garbage'), null);
    assert.equal(parseIniAddrRange('10:5'), null);
  });

  it('SST board: the bridge (not in the address map) is store0 = remote, local is store1', () => {
    const r = rolesFor(sstBoardLayout(2n * GiB, 0x100000000n, 2n * GiB));
    assert.deepEqual(r.map((x) => x.role), ['remote', 'local']);
    assert.equal(r[0].start, 0x100000000n);
    assert.equal(r[1].start, 0x80000000n);
  });

  it('gem5-only DM board: interleaved local is store0, interleaved remote store1, channels merged', () => {
    const r = rolesFor(gem5DmBoardLayout());
    assert.deepEqual(r.map((x) => x.role), ['local', 'remote']);
    assert.equal(r[0].memories.length, 2, 'two channels share one store');
  });

  it('composable board: local first, ExternalMemory in the address map is store1 = remote', () => {
    const r = rolesFor(composableBoardLayout());
    assert.deepEqual(r.map((x) => x.role), ['local', 'remote']);
    assert.equal(r[1].start, 10n * GiB);
  });

  it('leaves the role unknown (null) for memories it cannot classify instead of guessing', () => {
    const r = rolesFor([{ name: 'system.mem_ctrls', type: 'DDR3_1600_8x8', start: 0n, size: GiB, inAddrMap: true }]);
    assert.deepEqual(r.map((x) => x.role), [null]);
  });

  it('reads CPU classes and the platform', () => {
    const text = configIniText({ memories: sstBoardLayout(), cpu: { count: 2, type: 'ArmV8KvmCPU' } });
    const config = takeConfigFromIni(parseIniText(text), '/x/config.ini');
    assert.equal(config.cpuTypes.get('board.processor.cores0.core'), 'ArmV8KvmCPU');
    assert.equal(config.kvm, true);
    assert.equal(config.platform, 'VExpress_GEM5_V1');
  });
});
