#!/usr/bin/env node
// `cdk synth` / `cdk deploy` entry: settings come from context (`-c env=prod -c readCapacity=3`).
import { createUserProfileApp } from '../src/app';

createUserProfileApp().app.synth();
