package io.jenkins.plugins.runwayupscale;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.ObjectResolver;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * How a restart stores a running step: Java serialization, and JBoss Marshalling River set up the way Pipeline
 * writes its program file ({@code program.dat}). In both, the step's context is not written: it stands for the
 * running build and is given back on reading, as Pipeline rebuilds it after a restart.
 */
enum ProgramFormat {
    JAVA_SERIALIZATION {
        @Override
        byte[] write(Object program) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ContextReplacingOutput(bytes)) {
                out.writeObject(program);
            }
            return bytes.toByteArray();
        }

        @Override
        Object read(byte[] saved, StepContext context) throws IOException, ClassNotFoundException {
            try (ObjectInputStream in = new ContextRestoringInput(saved, context)) {
                return in.readObject();
            }
        }
    },

    /**
     * River with Pipeline's settings: the default protocol version, an object resolver that swaps objects which
     * cannot be written as they are (here, the context) for an index into a separate table of pickles written
     * after the program, and on reading a class resolver bound to the plugin's class loader and a resolver that
     * puts the rehydrated pickles back.
     */
    JBOSS_RIVER {
        @Override
        byte[] write(Object program) throws IOException {
            List<Serializable> pickles = new ArrayList<>();
            byte[] body = marshal(program, original -> {
                if (original instanceof StepContext) {
                    pickles.add(new ContextPickle());
                    return new Capsule(pickles.size() - 1);
                }
                return original;
            });
            byte[] table = marshal(pickles, original -> original);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(body.length);
                out.write(body);
                out.write(table);
            }
            return bytes.toByteArray();
        }

        @Override
        Object read(byte[] saved, StepContext context) throws IOException, ClassNotFoundException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved));
            byte[] body = in.readNBytes(in.readInt());
            byte[] table = in.readAllBytes();
            List<?> pickles = (List<?>) unmarshal(table, replacement -> replacement);
            List<Object> rehydrated = new ArrayList<>();
            for (Object pickle : pickles) {
                rehydrated.add(pickle instanceof ContextPickle ? context : pickle);
            }
            return unmarshal(
                    body,
                    replacement ->
                            replacement instanceof Capsule capsule ? rehydrated.get(capsule.index) : replacement);
        }

        private byte[] marshal(Object root, Replacer replacer) throws IOException {
            MarshallingConfiguration config = new MarshallingConfiguration();
            config.setObjectResolver(new ObjectResolver() {
                @Override
                public Object readResolve(Object replacement) {
                    throw new IllegalStateException("a writer never reads");
                }

                @Override
                public Object writeReplace(Object original) {
                    return replacer.replace(original);
                }
            });
            Marshaller marshaller = new RiverMarshallerFactory().createMarshaller(config);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            marshaller.start(Marshalling.createByteOutput(bytes));
            marshaller.writeObject(root);
            marshaller.finish();
            return bytes.toByteArray();
        }

        private Object unmarshal(byte[] bytes, Replacer resolver) throws IOException, ClassNotFoundException {
            MarshallingConfiguration config = new MarshallingConfiguration();
            config.setClassResolver(new SimpleClassResolver(UpscaleExecution.class.getClassLoader()));
            config.setObjectResolver(new ObjectResolver() {
                @Override
                public Object readResolve(Object replacement) {
                    return resolver.replace(replacement);
                }

                @Override
                public Object writeReplace(Object original) {
                    throw new IllegalStateException("a reader never writes");
                }
            });
            Unmarshaller unmarshaller = new RiverMarshallerFactory().createUnmarshaller(config);
            unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(bytes)));
            try {
                return unmarshaller.readObject();
            } finally {
                unmarshaller.finish();
            }
        }
    };

    /** Writes {@code program} with every step context in it left out. */
    abstract byte[] write(Object program) throws IOException;

    /** Reads a program written by {@link #write}, with {@code context} where the step context stood. */
    abstract Object read(byte[] saved, StepContext context) throws IOException, ClassNotFoundException;

    private interface Replacer {
        Object replace(Object object);
    }

    /** Where a pickled object stood in the program: its index in the table of pickles. */
    private static final class Capsule implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final int index;

        Capsule(int index) {
            this.index = index;
        }
    }

    /** The step context's pickle: nothing of it is written, the build after the restart supplies a new one. */
    private static final class ContextPickle implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private static final class ContextReplacingOutput extends ObjectOutputStream {
        ContextReplacingOutput(ByteArrayOutputStream bytes) throws IOException {
            super(bytes);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            return obj instanceof StepContext ? new ContextPickle() : obj;
        }
    }

    private static final class ContextRestoringInput extends ObjectInputStream {
        private final StepContext context;

        ContextRestoringInput(byte[] bytes, StepContext context) throws IOException {
            super(new ByteArrayInputStream(bytes));
            this.context = context;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj instanceof ContextPickle ? context : obj;
        }
    }
}
