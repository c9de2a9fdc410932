using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Stations.Testing;

namespace Stations.Core.Tests.ApiSurface;

/// <summary>One way a compiled assembly leaves the nanoFramework 1.17 subset, with every place it happens.</summary>
internal sealed record SubsetViolation(string What, string Fix, IReadOnlyList<string> Sites)
{
    public override string ToString() => What + " (in " + string.Join(", ", Sites) + ") -> " + Fix;
}

/// <summary>
/// Reads a compiled assembly with System.Reflection.Metadata and reports everything that nanoFramework 1.17 cannot run:
/// generic type or method definitions, generic instantiations (TypeSpec / MethodSpec), multi-dimensional arrays,
/// pointers, and every referenced external type (TypeRef) or member (MemberRef, with its signature) that is not on the
/// allow-list. Only what the assembly's own types use is checked: assembly- and module-level attributes come from the
/// host build (SDK-generated AssemblyInfo), not from Core's source, and the device project has its own.
/// See docs/nanoframework-subset.md.
/// </summary>
internal static class NanoSubsetChecker
{
    public static IReadOnlyList<SubsetViolation> Check(string assemblyPath, AllowList allowList)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var walker = new Walker(pe, pe.GetMetadataReader(), allowList);
        walker.WalkAllTypes();
        return walker.Violations();
    }

    /// <summary>Formats one violation per line, for a failure message.</summary>
    public static string Describe(IReadOnlyList<SubsetViolation> violations, string assemblyName) =>
        assemblyName + " uses " + violations.Count + " thing(s) outside the nanoFramework 1.17 subset " +
        "(docs/nanoframework-subset.md; allow-list tests/Fixtures/nanoframework-api.txt):" + Environment.NewLine +
        string.Join(Environment.NewLine, violations.Select(v => "  - " + v));

    private sealed class Walker : ISignatureTypeProvider<string, object?>
    {
        private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(op => op.Value, op => op.OperandType);

        private readonly PEReader _pe;
        private readonly MetadataReader _md;
        private readonly AllowList _allow;
        private readonly Dictionary<string, (string Fix, SortedSet<string> Sites)> _found = new(StringComparer.Ordinal);
        private string _site = "";

        public Walker(PEReader pe, MetadataReader md, AllowList allow)
        {
            _pe = pe;
            _md = md;
            _allow = allow;
        }

        public List<SubsetViolation> Violations() => _found
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => new SubsetViolation(entry.Key, entry.Value.Fix, entry.Value.Sites.ToList()))
            .ToList();

        public void WalkAllTypes()
        {
            foreach (TypeDefinitionHandle handle in _md.TypeDefinitions)
            {
                TypeDefinition type = _md.GetTypeDefinition(handle);
                string typeName = DefinitionName(handle);
                if (typeName == "<Module>")
                {
                    continue;
                }

                _site = typeName;
                if (type.GetGenericParameters().Count > 0)
                {
                    Report("generic type definition " + typeName,
                        "nanoFramework 1.17 has no generics: use a concrete type, object, ArrayList or Hashtable");
                }

                UseHandle(type.BaseType);
                foreach (InterfaceImplementationHandle impl in type.GetInterfaceImplementations())
                {
                    UseHandle(_md.GetInterfaceImplementation(impl).Interface);
                }

                UseAttributes(type.GetCustomAttributes());
                foreach (MethodImplementationHandle impl in type.GetMethodImplementations())
                {
                    UseHandle(_md.GetMethodImplementation(impl).MethodDeclaration);
                }

                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    FieldDefinition field = _md.GetFieldDefinition(fieldHandle);
                    _site = typeName + "::" + _md.GetString(field.Name);
                    field.DecodeSignature(this, null);
                    UseAttributes(field.GetCustomAttributes());
                }

                foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
                {
                    PropertyDefinition property = _md.GetPropertyDefinition(propertyHandle);
                    _site = typeName + "::" + _md.GetString(property.Name);
                    property.DecodeSignature(this, null);
                    UseAttributes(property.GetCustomAttributes());
                }

                foreach (EventDefinitionHandle eventHandle in type.GetEvents())
                {
                    EventDefinition @event = _md.GetEventDefinition(eventHandle);
                    _site = typeName + "::" + _md.GetString(@event.Name);
                    UseHandle(@event.Type);
                    UseAttributes(@event.GetCustomAttributes());
                }

                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    WalkMethod(typeName, methodHandle);
                }
            }
        }

        private void WalkMethod(string typeName, MethodDefinitionHandle handle)
        {
            MethodDefinition method = _md.GetMethodDefinition(handle);
            _site = typeName + "::" + _md.GetString(method.Name);
            if (method.GetGenericParameters().Count > 0)
            {
                Report("generic method definition " + _site,
                    "nanoFramework 1.17 has no generics: take object (or a Core base type) and cast");
            }

            method.DecodeSignature(this, null);
            UseAttributes(method.GetCustomAttributes());
            foreach (ParameterHandle parameter in method.GetParameters())
            {
                UseAttributes(_md.GetParameter(parameter).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                _md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                UseHandle(region.CatchType);
            }

            WalkIl(body.GetILReader());
        }

        private void WalkIl(BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                OperandType operand = OperandTypes[code];
                switch (operand)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        bool staticField = code == OpCodes.Ldsfld.Value || code == OpCodes.Ldsflda.Value || code == OpCodes.Stsfld.Value;
                        UseHandle(MetadataTokens.EntityHandle(il.ReadInt32()), staticField);
                        break;
                    case OperandType.InlineSig:
                        var signature = (StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32());
                        _md.GetStandaloneSignature(signature).DecodeMethodSignature(this, null);
                        break;
                    case OperandType.InlineSwitch:
                        int count = il.ReadInt32();
                        il.Offset += count * 4;
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    default: // InlineBrTarget, InlineI, ShortInlineR, InlineString
                        il.Offset += 4;
                        break;
                }
            }
        }

        private void UseAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (CustomAttributeHandle attribute in attributes)
            {
                UseHandle(_md.GetCustomAttribute(attribute).Constructor);
            }
        }

        private void UseHandle(EntityHandle handle, bool staticField = false)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    UseTypeReference((TypeReferenceHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    UseMemberReference((MemberReferenceHandle)handle, staticField);
                    break;
                case HandleKind.MethodSpecification:
                    UseMethodSpecification((MethodSpecificationHandle)handle);
                    break;
                default:
                    break; // definitions inside the assembly itself are checked where they are defined
            }
        }

        private void UseTypeReference(TypeReferenceHandle handle)
        {
            string name = ReferenceName(handle);
            if (name.Contains('`', StringComparison.Ordinal))
            {
                return; // an open generic type only occurs inside an instantiation, which is reported as such
            }

            string entry = "type " + name;
            if (!_allow.Contains(entry))
            {
                Report(entry + " is not on the allow-list", FixForType(name));
            }
        }

        private void UseMemberReference(MemberReferenceHandle handle, bool staticField)
        {
            MemberReference member = _md.GetMemberReference(handle);
            EntityHandle parent = member.Parent;
            string name = _md.GetString(member.Name);
            if (parent.Kind == HandleKind.TypeSpecification)
            {
                string owner = _md.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(this, null);
                if (owner.EndsWith(']'))
                {
                    return; // Get/Set/Address of a multi-dimensional array: reported with the array type
                }

                return; // a member of a generic instantiation: reported with the instantiation
            }

            if (parent.Kind != HandleKind.TypeReference)
            {
                return; // vararg call sites or members of this assembly's own types
            }

            UseTypeReference((TypeReferenceHandle)parent);
            string typeName = ReferenceName((TypeReferenceHandle)parent);
            if (typeName.Contains('`', StringComparison.Ordinal))
            {
                return;
            }

            string entry;
            string[] candidates;
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                string fieldType = member.DecodeFieldSignature(this, null);
                string plain = "field " + fieldType + " " + typeName + "::" + name;
                entry = staticField ? "static " + plain : plain;
                candidates = [plain, "static " + plain];
            }
            else
            {
                MethodSignature<string> signature = member.DecodeMethodSignature(this, null);
                entry = (signature.Header.IsInstance ? "" : "static ") + signature.ReturnType + " " + typeName + "::" + name +
                    "(" + string.Join(", ", signature.ParameterTypes) + ")";
                candidates = [entry];
            }

            if (!candidates.Any(_allow.Contains))
            {
                Report(entry + " is not on the allow-list", FixForMember(typeName, name, entry));
            }
        }

        private void UseMethodSpecification(MethodSpecificationHandle handle)
        {
            MethodSpecification spec = _md.GetMethodSpecification(handle);
            ImmutableArray<string> arguments = spec.DecodeSignature(this, null);
            string method = spec.Method.Kind switch
            {
                HandleKind.MemberReference => MemberOwnerAndName((MemberReferenceHandle)spec.Method),
                HandleKind.MethodDefinition => DefinitionName(_md.GetMethodDefinition((MethodDefinitionHandle)spec.Method).GetDeclaringType()) +
                    "::" + _md.GetString(_md.GetMethodDefinition((MethodDefinitionHandle)spec.Method).Name),
                _ => "?",
            };
            string shown = method + "<" + string.Join(", ", arguments) + ">";
            Report("generic method instantiation " + shown,
                method.StartsWith("System.Linq.", StringComparison.Ordinal)
                    ? "no LINQ on nanoFramework: write a for/foreach loop"
                    : method == "System.Array::Empty"
                        ? "use new T[0] (allocate once and keep it)"
                        : "nanoFramework 1.17 has no generics: call a non-generic overload or write it by hand");
        }

        private string MemberOwnerAndName(MemberReferenceHandle handle)
        {
            MemberReference member = _md.GetMemberReference(handle);
            string owner = member.Parent.Kind switch
            {
                HandleKind.TypeReference => ReferenceName((TypeReferenceHandle)member.Parent),
                HandleKind.TypeDefinition => DefinitionName((TypeDefinitionHandle)member.Parent),
                HandleKind.TypeSpecification => _md.GetTypeSpecification((TypeSpecificationHandle)member.Parent).DecodeSignature(this, null),
                _ => "?",
            };
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                UseTypeReference((TypeReferenceHandle)member.Parent);
            }

            return owner + "::" + _md.GetString(member.Name);
        }

        private void Report(string what, string fix)
        {
            if (!_found.TryGetValue(what, out var entry))
            {
                entry = (fix, new SortedSet<string>(StringComparer.Ordinal));
                _found[what] = entry;
            }

            entry.Sites.Add(_site);
        }

        private string FixForType(string name)
        {
            if (name.StartsWith("System.Linq.", StringComparison.Ordinal))
            {
                return "no LINQ on nanoFramework: write a for/foreach loop";
            }

            if (name.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal) ||
                name.StartsWith("System.Runtime.CompilerServices.AsyncTaskMethodBuilder", StringComparison.Ordinal))
            {
                return "no async/await or Task on nanoFramework: use a tick method driven by the caller, or a Thread";
            }

            if (name is "System.Span" or "System.ReadOnlySpan" or "System.Memory" or "System.MemoryExtensions")
            {
                return "no Span on nanoFramework: pass byte[] with offset and count";
            }

            return "if nanoFramework has it (/work/shared/reference/nanoframework-api/), add " +
                "'<package> <version> | type " + name + "' to tests/Fixtures/nanoframework-api.txt; otherwise rewrite without it";
        }

        private string FixForMember(string typeName, string name, string entry)
        {
            // The params trap: the host compiler binds to an overload that nanoFramework lacks, e.g.
            // String.Format(string, object, object), while the device has only String.Format(string, object[]).
            string prefix = typeName + "::" + name + "(";
            string? paramsForm = _allow.Members.FirstOrDefault(m =>
                m.Contains(prefix, StringComparison.Ordinal) && m.EndsWith("[])", StringComparison.Ordinal));
            if (paramsForm != null)
            {
                return "nanoFramework has only '" + paramsForm + "': pass the arguments as an explicit array " +
                    "(the params rule in docs/nanoframework-subset.md)";
            }

            if (typeName.StartsWith("System.Linq.", StringComparison.Ordinal))
            {
                return "no LINQ on nanoFramework: write a for/foreach loop";
            }

            if (typeName == "System.Math" && entry.Contains("(long", StringComparison.Ordinal))
            {
                return "nanoFramework's System.Math has no long overloads: compare or negate by hand";
            }

            if (typeName == "System.String" && name == "Format")
            {
                return "string interpolation and String.Format bind to overloads nanoFramework lacks: use string concatenation";
            }

            if (typeName == "System.DateTime" && name == "get_Now")
            {
                return "use the injected IClock (DateTime.Now is never right on the device)";
            }

            return "if nanoFramework has it (/work/shared/reference/nanoframework-api/), add " +
                "'<package> <version> | " + entry + "' to tests/Fixtures/nanoframework-api.txt; otherwise use a member that it has";
        }

        private string DefinitionName(TypeDefinitionHandle handle) => NanoTypeNames.Definition(_md, handle);

        private string ReferenceName(TypeReferenceHandle handle) => NanoTypeNames.Reference(_md, handle);

        private static string Generic(string name) =>
            name.Contains('`', StringComparison.Ordinal) ? name[..name.IndexOf('`', StringComparison.Ordinal)] : name;

        // ---- ISignatureTypeProvider: formats types the way /work/shared/reference/nanoframework-api/*.txt does ----

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => NanoTypeNames.Primitive(typeCode);

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => DefinitionName(handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            UseTypeReference(handle);
            return ReferenceName(handle);
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape)
        {
            string shown = elementType + "[" + new string(',', shape.Rank - 1) + "]";
            Report("multi-dimensional array " + shown, "nanoFramework has only single-dimensional arrays: use a jagged array or index arithmetic");
            return shown;
        }

        public string GetByReferenceType(string elementType) => "ref " + elementType;

        public string GetPointerType(string elementType)
        {
            Report("pointer type " + elementType + "*", "no unsafe code on nanoFramework: use arrays and indexes");
            return elementType + "*";
        }

        public string GetFunctionPointerType(MethodSignature<string> signature)
        {
            Report("function pointer", "no function pointers on nanoFramework: use a delegate or an interface");
            return "method*";
        }

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            string shown = Generic(genericType) + "<" + string.Join(", ", typeArguments) + ">";
            Report("generic type " + shown, FixForGeneric(Generic(genericType)));
            return shown;
        }

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        private static string FixForGeneric(string type) => type switch
        {
            "System.Collections.Generic.List" => "use System.Collections.ArrayList (cast on read) or an array",
            "System.Collections.Generic.Dictionary" => "use System.Collections.Hashtable",
            "System.Collections.Generic.HashSet" => "use System.Collections.Hashtable with the item as key",
            "System.Collections.Generic.Queue" => "use System.Collections.Queue",
            "System.Collections.Generic.Stack" => "use System.Collections.Stack",
            "System.Collections.Generic.KeyValuePair" => "use System.Collections.DictionaryEntry",
            "System.Collections.Generic.IEnumerable" or "System.Collections.Generic.IEnumerator" =>
                "use System.Collections.IEnumerable / IEnumerator, or an array",
            "System.Collections.Generic.IList" or "System.Collections.Generic.ICollection" or
                "System.Collections.Generic.IReadOnlyList" => "use an array or System.Collections.ArrayList",
            "System.Func" or "System.Action" or "System.Predicate" => "declare a non-generic delegate or an interface in Core",
            "System.Nullable" => "no nullable value types: use a sentinel value or a separate bool",
            "System.ValueTuple" or "System.Tuple" => "no tuples: use out parameters or a small class",
            "System.Span" or "System.ReadOnlySpan" or "System.Memory" or "System.ReadOnlyMemory" =>
                "no Span on nanoFramework: pass byte[] with offset and count",
            "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask" =>
                "no async/await or Task on nanoFramework: use a tick method driven by the caller",
            "System.IEquatable" or "System.IComparable" => "implement the non-generic Equals(object) / IComparable",
            _ => "nanoFramework 1.17 has no generics: use a concrete type, object, ArrayList or Hashtable",
        };
    }
}
