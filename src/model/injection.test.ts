import { test } from 'node:test';
import assert from 'node:assert/strict';
import 'reflect-metadata';
import { TimeProvider } from '../providers/time-provider.js';
import { RandomProvider } from '../providers/random-provider.js';
import { SimTimeProvider } from '../providers/sim-time-provider.js';
import { SimWorld } from '../core/world.js';
import { Inject, Workload } from './decorators.js';
import { InjectionError, Injector } from './injection.js';
import { TopologyInfo } from './topology-info.js';
import { workloadOf } from './metadata.js';

const world = new SimWorld({ seed: 1 });
const time = new SimTimeProvider(world);
const info = new TopologyInfo('client', 0, '10.0.0.2:4500', new Map([['client', ['10.0.0.2:4500']]]));
const injector = new Injector(new Map<unknown, unknown>([[TimeProvider, time], [TopologyInfo, info]]));

test('@Inject tokens resolve constructor parameters (the tsx path: no design:paramtypes)', () => {
  @Workload()
  class ByInject {
    constructor(
      @Inject(TopologyInfo) readonly topo: TopologyInfo,
      @Inject(TimeProvider) readonly clock: TimeProvider,
    ) {}
    async run(): Promise<void> {}
  }
  assert.equal(Reflect.getMetadata('design:paramtypes', ByInject), undefined, 'tsx emits no paramtypes');
  const built = injector.construct(ByInject, 'x.ts');
  assert.equal(built.topo, info);
  assert.equal(built.clock, time);
});

test('design:paramtypes (as tsc emits it) resolves parameters, and @Inject wins over it', () => {
  class ByMetadata {
    constructor(
      readonly clock: unknown,
      readonly topo: unknown,
      readonly concrete: unknown,
    ) {}
    async run(): Promise<void> {}
  }
  Reflect.defineMetadata('design:paramtypes', [TimeProvider, RandomProvider, SimTimeProvider], ByMetadata);
  Inject(TopologyInfo)(ByMetadata, undefined, 1);
  const built = injector.construct(ByMetadata, 'x.ts');
  assert.equal(built.clock, time);
  assert.equal(built.topo, info, '@Inject(TopologyInfo) overrides the RandomProvider paramtype');
  assert.equal(built.concrete, time, 'a concrete provider class as the type gets the bound instance');
});

test('an unresolvable parameter is an InjectionError naming class, file, index and both fixes', () => {
  @Workload()
  class Forgetful {
    constructor(
      @Inject(TimeProvider) readonly clock: TimeProvider,
      readonly random: RandomProvider,
    ) {}
    async run(): Promise<void> {}
  }
  const file = workloadOf(Forgetful)!.file;
  assert.equal(file, 'src/model/injection.test.ts', 'the declaring file is captured relative to the cwd');
  const error = (() => {
    try {
      injector.construct(Forgetful, file);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof InjectionError);
  assert.equal(error.className, 'Forgetful');
  assert.equal(error.parameterIndex, 1);
  assert.match(error.message, /cannot construct Forgetful \(src\/model\/injection\.test\.ts\): constructor parameter 1/);
  assert.match(error.message, /@Inject\(Token\)/);
  assert.match(error.message, /emitDecoratorMetadata \(tsc or swc/);
  assert.match(error.message, /TimeProvider, TopologyInfo/, 'lists the tokens available');
});

test('a token that is not bound, or an interface type read as Object, is named in the error', () => {
  class WantsRandom {
    constructor(@Inject(RandomProvider) readonly random: RandomProvider) {}
  }
  assert.throws(() => injector.construct(WantsRandom, 'w.ts'), /parameter 0 \(zero-based\) asks for RandomProvider, which is not injectable here/);
  class Interfaced {
    constructor(readonly thing: unknown) {}
  }
  Reflect.defineMetadata('design:paramtypes', [Object], Interfaced);
  assert.throws(() => injector.construct(Interfaced, 'i.ts'), /typed as an interface, union or Object/);
});

test('@Inject on a method parameter or with an undefined token is rejected at declaration', () => {
  assert.throws(() => Inject(TimeProvider)({}, 'method', 0), /only constructor parameters are injected/);
  assert.throws(() => Inject(undefined)(class Broken {}, undefined, 0), /the token must be a class such as TimeProvider/);
});
